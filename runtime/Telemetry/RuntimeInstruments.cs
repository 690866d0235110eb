using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PyAirtable.Runtime.Telemetry;

/// <summary>
/// The runtime's <see cref="Meter"/> and <see cref="ActivitySource"/>, both named
/// <c>PyAirtable.Runtime</c>. A grain call's activity is current while the grain runs, so the
/// calls it makes become its children. Nothing is measured when nobody listens.
/// </summary>
public static class RuntimeInstruments
{
    public const string Name = "PyAirtable.Runtime";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>("pyairtable.runtime.calls", description: "Grain calls handled");

    internal static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("pyairtable.runtime.call.duration", "ms", "Grain call duration");

    internal static readonly UpDownCounter<long> Activations = Meter.CreateUpDownCounter<long>("pyairtable.runtime.activations", description: "Live activations");

    internal static readonly UpDownCounter<long> MailboxLength = Meter.CreateUpDownCounter<long>("pyairtable.runtime.mailbox.length", description: "Requests waiting for a turn");

    internal static readonly Counter<long> StorageOperations = Meter.CreateCounter<long>("pyairtable.runtime.storage.operations", description: "Grain storage reads, writes and clears");

    internal static readonly Histogram<double> StorageDuration = Meter.CreateHistogram<double>("pyairtable.runtime.storage.duration", "ms", "Grain storage operation latency");

    internal static readonly Counter<long> StreamDeliveries = Meter.CreateCounter<long>("pyairtable.runtime.stream.deliveries", description: "Stream events handled by subscribers");

    internal static readonly Histogram<double> StreamLag = Meter.CreateHistogram<double>("pyairtable.runtime.stream.lag", "ms", "Time from publish to handled");

    internal static Activity? StartCall(string name, GrainId grainId)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = ActivitySource.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag("grain.id", grainId.ToString());
        return activity;
    }

    internal static long CallStarted() => CallDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    internal static void CallEnded(long started, Activity? activity, Task task)
    {
        Calls.Add(1);
        if (started != 0)
        {
            CallDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        if (activity is not null)
        {
            if (task.IsFaulted)
            {
                activity.SetStatus(ActivityStatusCode.Error, task.Exception?.InnerException?.GetType().Name);
            }

            activity.Stop();
        }
    }

    internal static long StorageStarted() => StorageDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    internal static void StorageEnded(long started, string operation)
    {
        StorageOperations.Add(1, new KeyValuePair<string, object?>("operation", operation));
        if (started != 0)
        {
            StorageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
        }
    }
}
