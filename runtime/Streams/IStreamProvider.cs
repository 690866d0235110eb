namespace PyAirtable.Runtime.Streams;

/// <summary>Gives access to streams. The <c>Default</c> provider is durable: events are in the log before publishing returns.</summary>
public interface IStreamProvider
{
    string Name { get; }

    /// <summary>Gets a handle to the stream <paramref name="streamId"/> carrying events of type <typeparamref name="T"/>.</summary>
    IAsyncStream<T> GetStream<T>(StreamId streamId);
}
