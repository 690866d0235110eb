using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PyAirtable.Api.Problems;
using PyAirtable.Runtime.Hosting;

namespace PyAirtable.Api.Health;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the runtime started and storage answers.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", Live).WithName("Live");
        group.MapGet("/ready", ReadyAsync).WithName("Ready");
        return app;
    }

    public static Ok<HealthStatus> Live() => TypedResults.Ok(new HealthStatus("live", null));

    public static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> ReadyAsync(IRuntimeHealth health, CancellationToken cancellationToken)
    {
        if (!health.IsStarted)
        {
            return NotReady("The runtime is not started.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        return await health.IsStorageReachableAsync(timeout.Token)
            ? TypedResults.Ok(new HealthStatus("ready", health.StorageDescription))
            : NotReady("Storage is not reachable.");
    }

    private static ProblemHttpResult NotReady(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready.", type: ProblemTypes.Unavailable);
}
