namespace PyAirtable.GrainInterfaces.ConnectedBases;

/// <summary>Airtable's answer, kept byte for byte: status, content type and body; whether the gateway served it from its cache.</summary>
public sealed record AirtableResponse(int Status, string Body, string ContentType, bool FromCache = false)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
