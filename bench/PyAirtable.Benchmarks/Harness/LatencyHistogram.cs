using System.Diagnostics;
using System.Numerics;

namespace PyAirtable.Benchmarks.Harness;

/// <summary>
/// A log-linear histogram of durations in <see cref="Stopwatch"/> ticks: exact below 128 ticks,
/// then 64 buckets per power of two (under 1.6 % error), so recording is one increment.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int Linear = 128;
    private const int SubBuckets = 64;
    private readonly long[] _buckets = new long[Linear + (64 * SubBuckets)];
    private long _count;
    private long _max;

    public long Count => Volatile.Read(ref _count);

    /// <summary>The longest duration recorded, in nanoseconds.</summary>
    public double MaxNanoseconds => ToNanoseconds(Volatile.Read(ref _max));

    /// <summary>Records from one thread only.</summary>
    public void Record(long ticks)
    {
        _buckets[IndexOf(ticks)]++;
        _count++;
        if (ticks > _max)
        {
            _max = ticks;
        }
    }

    /// <summary>Records from any thread.</summary>
    public void RecordConcurrent(long ticks)
    {
        Interlocked.Increment(ref _buckets[IndexOf(ticks)]);
        Interlocked.Increment(ref _count);
        var max = Volatile.Read(ref _max);
        while (ticks > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, ticks, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public void RecordMilliseconds(double milliseconds) =>
        RecordConcurrent((long)(Math.Max(0, milliseconds) * Stopwatch.Frequency / 1000.0));

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] += other._buckets[i];
        }

        _count += other._count;
        _max = Math.Max(_max, other._max);
    }

    public void Clear()
    {
        Array.Clear(_buckets);
        _count = 0;
        _max = 0;
    }

    /// <summary>The duration, in nanoseconds, below which <paramref name="percentile"/> % of the recorded ones fall.</summary>
    public double Percentile(double percentile)
    {
        var count = Count;
        if (count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(count * percentile / 100.0);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Volatile.Read(ref _buckets[i]);
            if (seen >= Math.Max(1, rank))
            {
                return ToNanoseconds(Math.Min(UpperBoundOf(i), Volatile.Read(ref _max)));
            }
        }

        return MaxNanoseconds;
    }

    private static double ToNanoseconds(long ticks) => ticks * 1_000_000_000.0 / Stopwatch.Frequency;

    private static int IndexOf(long ticks)
    {
        if (ticks < Linear)
        {
            return (int)Math.Max(0, ticks);
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)ticks);
        var mantissa = (int)(ticks >> (exponent - 6)) - SubBuckets;
        return Linear + ((exponent - 7) * SubBuckets) + mantissa;
    }

    private static long UpperBoundOf(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var exponent = ((index - Linear) / SubBuckets) + 7;
        var mantissa = ((index - Linear) % SubBuckets) + SubBuckets;
        return ((long)(mantissa + 1) << (exponent - 6)) - 1;
    }
}
