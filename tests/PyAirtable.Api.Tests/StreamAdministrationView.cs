using PyAirtable.Runtime.Streams;

namespace PyAirtable.Api.Tests;

/// <summary>
/// <see cref="IStreamAdministration"/> without ownership. The runtime registers its stream service
/// through a factory, so the container disposes it once a test has resolved it. Under
/// WebApplicationFactory the silo's Program disposes the app as soon as stopping begins, while the
/// factory's own stop is still draining streams, and the drain then met a disposed service.
/// </summary>
public sealed class StreamAdministrationView(IStreamAdministration inner) : IStreamAdministration
{
    public IReadOnlyList<ParkedSubscriber> GetParkedSubscribers() => inner.GetParkedSubscribers();

    public Task ResumeAsync(StreamId streamId, string subscriberKey) => inner.ResumeAsync(streamId, subscriberKey);

    public Task WaitForQuiescenceAsync(TimeSpan timeout) => inner.WaitForQuiescenceAsync(timeout);
}
