using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PyAirtable.Api.Auth;

namespace PyAirtable.Benchmarks.Auth;

/// <summary>
/// One trivial endpoint mapped twice, only in the benchmark: anonymous, and behind the API's
/// default policy with <see cref="AllowApiKeysAttribute"/> so that both access tokens and API keys
/// may call it. The handler is the same method, so the difference is authentication and authorization.
/// </summary>
internal static class BenchEndpoints
{
    public const string Anonymous = "bench/anonymous";
    public const string Authenticated = "bench/authenticated";

    public static IEndpointRouteBuilder MapBenchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/bench").WithTags("Benchmark");
        group.MapGet("/anonymous", Reply).AllowAnonymous();
        group.MapGet("/authenticated", Reply).RequireAuthorization().WithMetadata(new AllowApiKeysAttribute());
        return app;
    }

    public static Ok<BenchReply> Reply() => TypedResults.Ok(new BenchReply("ok"));
}
