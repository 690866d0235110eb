namespace PyAirtable.Runtime.Streams;

/// <summary>Operations on stream delivery: what is parked, resuming it, and waiting for quiescence.</summary>
public interface IStreamAdministration
{
    /// <summary>Subscribers whose delivery is parked, with their errors.</summary>
    IReadOnlyList<ParkedSubscriber> GetParkedSubscribers();

    /// <summary>Retries a parked subscriber from the event it stopped at.</summary>
    Task ResumeAsync(StreamId streamId, string subscriberKey);

    /// <summary>Completes when every appended event has been handled (or its subscriber parked).</summary>
    Task WaitForQuiescenceAsync(TimeSpan timeout);
}
