using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace PyAirtable.Api.Tests.Gateway;

/// <summary>
/// Sits in the gateway's HTTP client before the real call to the simulator and, while faults are
/// queued, answers with them instead: a 5xx, a hang past the request timeout, a malformed body,
/// a 401 or 403. Counts the calls that reached it, faulted or not.
/// </summary>
public sealed class FaultInjector
{
    private readonly ConcurrentQueue<Fault> _faults = new();
    private int _calls;

    public enum Fault
    {
        ServerError,
        Hang,
        MalformedJson,
        Unauthorized,
        Forbidden,
    }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Every request seen, with its Authorization header, so tests can check what was sent.</summary>
    public ConcurrentQueue<string> Seen { get; } = new();

    public void Enqueue(Fault fault, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    public void Clear() => _faults.Clear();

    public DelegatingHandler CreateHandler() => new Handler(this);

    private sealed class Handler(FaultInjector injector) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref injector._calls);
            injector.Seen.Enqueue($"{request.Method} {request.RequestUri?.PathAndQuery}");
            if (!injector._faults.TryDequeue(out var fault))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            switch (fault)
            {
                case Fault.Hang:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    throw new OperationCanceledException(cancellationToken);
                case Fault.MalformedJson:
                    return Answer(HttpStatusCode.OK, "{\"records\": [ {\"id\": ");
                case Fault.Unauthorized:
                    return Answer(HttpStatusCode.Unauthorized, "{\"error\":{\"type\":\"AUTHENTICATION_REQUIRED\",\"message\":\"Authentication required\"}}");
                case Fault.Forbidden:
                    return Answer(HttpStatusCode.Forbidden, "{\"error\":{\"type\":\"INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND\",\"message\":\"Invalid permissions\"}}");
                default:
                    return Answer(HttpStatusCode.BadGateway, "{\"error\":{\"type\":\"SERVER_ERROR\",\"message\":\"Server error\"}}");
            }
        }

        private static HttpResponseMessage Answer(HttpStatusCode status, string body) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
