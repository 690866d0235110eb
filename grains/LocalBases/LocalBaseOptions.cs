namespace PyAirtable.Grains.LocalBases;

/// <summary>Configuration section <c>LocalBases</c>: Airtable parity (its rate limits) for local bases.</summary>
public sealed class LocalBaseOptions
{
    public const string SectionName = "LocalBases";

    /// <summary>Enforce Airtable's limits on every local base (each base can also switch it on for itself).</summary>
    public bool AirtableParity { get; set; }

    /// <summary>How long a base or key that went over its limit is refused, as Airtable's 30 seconds.</summary>
    public int PenaltySeconds { get; set; } = 30;

    /// <summary>Requests per second per base (Airtable: 5).</summary>
    public int RequestsPerSecondPerBase { get; set; } = 5;

    /// <summary>Requests per second per API key or user (Airtable: 50 per token).</summary>
    public int RequestsPerSecondPerKey { get; set; } = 50;
}
