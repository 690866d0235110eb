using PyAirtable.Runtime.Messaging.Requests;

namespace PyAirtable.Runtime.Streams.Delivery;

/// <summary>Delivers an event as a turn of the subscribing grain, activating it if needed.</summary>
internal sealed class GrainDeliveryTarget(SiloRuntime runtime, GrainId grainId) : IDeliveryTarget
{
    public Task DeliverAsync(StreamId streamId, object item, StreamSequenceToken token)
    {
        var request = new SystemRequest("stream:" + streamId.Namespace, grain =>
        {
            var handler = grain.Activation.GetStreamHandler(streamId.ToString())
                ?? throw new InvalidOperationException(
                    $"Grain {grainId} receives stream {streamId} but attached no handler; call SubscribeAsync in OnActivateAsync.");
            return ((Func<object, StreamSequenceToken, Task>)handler)(item, token);
        }, interleave: false, keepAlive: true);
        return runtime.Dispatcher.InvokeSystem(grainId, request);
    }
}
