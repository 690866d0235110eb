namespace PyAirtable.Runtime.Streams;

/// <summary>
/// Subscribes a grain class to every stream of a namespace: the grain whose key equals the
/// stream's key receives the stream's events. Attach the handler in OnActivateAsync with
/// <see cref="IAsyncStream{T}.SubscribeAsync(Func{T, StreamSequenceToken, Task})"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class ImplicitStreamSubscriptionAttribute(string streamNamespace) : Attribute
{
    public string Namespace { get; } = streamNamespace;
}
