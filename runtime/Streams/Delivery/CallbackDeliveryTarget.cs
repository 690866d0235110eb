namespace PyAirtable.Runtime.Streams.Delivery;

/// <summary>Delivers to a callback of non-grain code (a WebSocket session, a test).</summary>
internal sealed class CallbackDeliveryTarget(Func<object, StreamSequenceToken, Task> callback) : IDeliveryTarget
{
    public Task DeliverAsync(StreamId streamId, object item, StreamSequenceToken token)
    {
        try
        {
            return callback(item, token);
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }
}
