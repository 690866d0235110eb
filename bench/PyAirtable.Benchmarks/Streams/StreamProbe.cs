using System.Diagnostics;
using PyAirtable.Benchmarks.Harness;

namespace PyAirtable.Benchmarks.Streams;

/// <summary>
/// What subscribers do with an event, in the grain and in the baseline alike: count it, record
/// its publish-to-handled latency while recording is on, and return a publishing credit to its
/// stream (publishers that saturate wait for credits, so the backlog stays bounded).
/// </summary>
internal sealed class StreamProbe
{
    private readonly SemaphoreSlim[] _credits;
    private long _handled;
    private volatile bool _recording;

    public StreamProbe(int streams, int creditsPerStream)
    {
        _credits = [.. Enumerable.Range(0, streams).Select(_ => new SemaphoreSlim(creditsPerStream))];
    }

    public LatencyHistogram Latency { get; } = new();

    public long Handled => Interlocked.Read(ref _handled);

    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    public Task WaitForCreditAsync(int stream, CancellationToken cancellationToken) => _credits[stream].WaitAsync(cancellationToken);

    public void OnHandled(BenchEvent item)
    {
        if (_recording)
        {
            Latency.RecordConcurrent(Stopwatch.GetTimestamp() - item.PublishedAt);
        }

        Interlocked.Increment(ref _handled);
        _credits[item.Stream].Release();
    }
}
