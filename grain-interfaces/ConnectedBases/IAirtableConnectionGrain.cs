namespace PyAirtable.GrainInterfaces.ConnectedBases;

/// <summary>
/// One Airtable personal access token of a workspace, keyed by connection id. The token is
/// checked with Airtable when it is given, stored encrypted, and never handed out in clear: the
/// bases that use it receive its protected form and decrypt it themselves.
/// </summary>
public interface IAirtableConnectionGrain : IGrainWithStringKey
{
    /// <summary>Checks the token with Airtable (<c>/v0/meta/whoami</c>, <c>/v0/meta/bases</c>) and stores it.</summary>
    /// <exception cref="AirtableGatewayException">Airtable refused the token or could not be reached.</exception>
    Task<AirtableConnectionInfo> ConnectAsync(string workspaceId, string name, string token, string createdBy);

    /// <summary>The connection without its token, or null when there is none.</summary>
    [ReadOnly]
    Task<AirtableConnectionInfo?> GetInfoAsync();

    /// <summary>Every base the token can see, through all of Airtable's pages.</summary>
    Task<IReadOnlyList<AirtableBaseSummary>> ListBasesAsync();

    /// <summary>The token as stored (encrypted with ASP.NET Data Protection), for the bases that send with it.</summary>
    [ReadOnly]
    Task<string> GetProtectedTokenAsync();

    /// <summary>Airtable refused the token on a request: the connection needs a new one.</summary>
    Task ReportTokenRejectedAsync(string detail);

    /// <summary>Replaces the token after checking it, which makes the connection active again.</summary>
    Task<AirtableConnectionInfo> ReplaceTokenAsync(string token);

    /// <summary>Forgets the token for good.</summary>
    Task DeleteAsync();
}
