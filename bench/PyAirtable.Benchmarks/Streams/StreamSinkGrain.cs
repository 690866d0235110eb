using PyAirtable.Runtime;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Benchmarks.Streams;

/// <summary>Receives every event of the benchmark stream with its key through an implicit subscription, and hands it to the probe.</summary>
[ImplicitStreamSubscription(StreamBenchmark.Namespace)]
internal sealed class StreamSinkGrain(StreamProbe probe) : Grain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = GetStreamProvider(GrainStorageNames.Default).GetStream<BenchEvent>(StreamId.Create(StreamBenchmark.Namespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((item, _) =>
        {
            probe.OnHandled(item);
            return Task.CompletedTask;
        });
    }
}
