namespace PyAirtable.GrainInterfaces.ConnectedBases;

/// <summary>Why the gateway could not get an answer from Airtable.</summary>
public enum AirtableFailure
{
    /// <summary>The request would have waited in the base's queue past its deadline (HTTP 503 with Retry-After).</summary>
    Busy = 1,

    /// <summary>Airtable refused the connection's token (401/403); the connection needs a new one.</summary>
    TokenRejected = 2,

    /// <summary>Airtable failed or could not be reached, after retries (HTTP 502).</summary>
    Unavailable = 3,

    /// <summary>Too many recent failures: the base's circuit breaker is open and requests fail fast (HTTP 503).</summary>
    CircuitOpen = 4,

    /// <summary>Airtable answered with a client error (4xx) that it keeps for the caller.</summary>
    Refused = 5,
}
