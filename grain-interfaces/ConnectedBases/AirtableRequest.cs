namespace PyAirtable.GrainInterfaces.ConnectedBases;

/// <summary>
/// One request for Airtable's Web API, as a client sent it: method, the path and query below the
/// API root (<c>/v0/app…/Tasks?pageSize=10</c>) and the JSON body, if any.
/// </summary>
public sealed record AirtableRequest(string Method, string PathAndQuery, string? Body = null)
{
    public static AirtableRequest Get(string pathAndQuery) => new("GET", pathAndQuery);
}
