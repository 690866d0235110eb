using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PyAirtable.Api.Auth;

namespace PyAirtable.Benchmarks.Bases;

/// <summary>
/// The list benchmark's baseline: <c>GET /bench/precomputed</c> answers bytes captured from a real
/// <c>/v0</c> list response, behind the same authorization as <c>/v0</c> (the API's default policy,
/// API keys allowed), so the difference to <c>/v0</c> is the list itself: access checks, filter,
/// page, serialization.
/// </summary>
internal sealed class PrecomputedEndpoint
{
    public const string Path = "bench/precomputed";
    private const string JsonContentType = "application/json; charset=utf-8";

    private byte[] _body = "{}"u8.ToArray();

    /// <summary>The body every request gets; set once before measuring.</summary>
    public byte[] Body
    {
        get => Volatile.Read(ref _body);
        set => Volatile.Write(ref _body, value);
    }

    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/" + Path, () => Results.Bytes(Body, JsonContentType)).RequireAuthorization().WithMetadata(new AllowApiKeysAttribute());
}
