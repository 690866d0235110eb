using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using PyAirtable.GrainInterfaces.ConnectedBases;

namespace PyAirtable.Grains.ConnectedBases;

/// <summary>Sending to Airtable: a send time from the base's and the token's schedules, 429 pauses, retries and the circuit.</summary>
public sealed partial class BaseGrain
{
    private static readonly ResiliencePropertyKey<bool> s_safeToRepeat = new("pyairtable.safe-to-repeat");

    private ResiliencePipeline<AirtableClient.Answer> Pipeline => _pipeline ??= BuildPipeline();

    private async Task<AirtableResponse> SendUpstreamAsync(AirtableRequest request, GatewayRoute route)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(1, _options.QueueTimeoutSeconds));
        // Polly must come back to this grain's scheduler after each await: the grain's state is touched only there.
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true);
        context.Properties.Set(s_safeToRepeat, route.SafeToRepeat);
        try
        {
            var answer = await Pipeline.ExecuteAsync(
                static (_, s) => new ValueTask<AirtableClient.Answer>(s.Grain.AttemptAsync(s.Request, s.Deadline)), context, (Grain: this, Request: request, Deadline: deadline));
            return answer.Response;
        }
        catch (BrokenCircuitException)
        {
            throw new AirtableGatewayException(AirtableFailure.CircuitOpen,
                "Airtable has failed repeatedly for this base; PyAirtable stopped sending to it for a while.", Math.Max(1, _options.CircuitBreakSeconds));
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            throw new AirtableGatewayException(AirtableFailure.Unavailable, "Airtable could not be reached: " + error.Message, 5);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt: wait for a send time, send; on 429 pause the base (and the token when it was near its limit) and wait again.</summary>
    private async Task<AirtableClient.Answer> AttemptAsync(AirtableRequest request, DateTimeOffset deadline)
    {
        var tokenReloaded = false;
        while (true)
        {
            if (_waiting >= Math.Max(1, _options.MaxQueuedRequests))
            {
                throw Busy(_schedule.Peek(time.GetUtcNow()));
            }

            _waiting++;
            try
            {
                var slot = await ReserveAsync(deadline);
                var wait = slot - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time);
                }
            }
            finally
            {
                _waiting--;
            }

            if (_schedule.PausedUntil > time.GetUtcNow())
            {
                continue; // Airtable answered 429 to another request meanwhile: take a new time after the pause.
            }

            var token = await TokenAsync();
            if (!await WaitForSendWindowAsync())
            {
                continue; // paused by a 429 while waiting: take a new time after the pause.
            }

            _sent.Enqueue(time.GetUtcNow());
            _upstream++;
            GatewayInstruments.UpstreamCalls.Add(1);
            var answer = await client.SendAsync(token, request, CancellationToken.None);
            switch (answer.Response.Status)
            {
                case 429:
                    await PauseAsync(answer.RetryAfter);
                    continue;
                case 401 when !tokenReloaded:
                    // The token may have been replaced since this grain read it: read it again once.
                    tokenReloaded = true;
                    _token = null;
                    if (await TokenAsync() != token)
                    {
                        continue;
                    }

                    goto case 401;
                case 401:
                    _token = null;
                    Log.TokenRejected(logger, state.State.ConnectionId, 401);
                    await GrainFactory.GetGrain<IAirtableConnectionGrain>(state.State.ConnectionId).ReportTokenRejectedAsync("Airtable answered 401 to a request of base " + BaseId + ".");
                    throw new AirtableGatewayException(AirtableFailure.TokenRejected,
                        "Airtable refused this connection's token; a workspace admin must give the connection a new token.", null, 401, answer.Response.Body);
                default:
                    return answer;
            }
        }
    }

    /// <summary>
    /// Timers fire late on a busy machine and send times bunch up: never send more than the limit
    /// within one (padded) second of actual send times. Waiting here keeps the reserved time's
    /// place in line (it does not take a new one). False when a pause began meanwhile.
    /// </summary>
    private async Task<bool> WaitForSendWindowAsync()
    {
        while (UntilSendWindowFrees(time.GetUtcNow()) is { } hold)
        {
            await Task.Delay(hold, time);
            if (_schedule.PausedUntil > time.GetUtcNow())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How long until one more send fits in the base's window of actual send times; null when it fits now.</summary>
    private TimeSpan? UntilSendWindowFrees(DateTimeOffset now)
    {
        var limit = Math.Max(1, _options.RequestsPerSecondPerBase);
        while (_sent.Count > limit)
        {
            _sent.Dequeue();
        }

        if (_sent.Count < limit)
        {
            return null;
        }

        var frees = _sent.Peek() + TimeSpan.FromMilliseconds(1000 + Math.Max(0, _options.WindowPaddingMilliseconds));
        return frees > now ? frees - now : null;
    }

    /// <summary>The next send time that fits both the base's and the token's limits, or "Airtable is busy" when it is past the deadline.</summary>
    private async Task<DateTimeOffset> ReserveAsync(DateTimeOffset deadline)
    {
        var previous = _reserving;
        var mine = new TaskCompletionSource();
        _reserving = mine.Task;
        await previous;
        try
        {
            var now = time.GetUtcNow();
            var earliest = _schedule.Peek(now);
            if (earliest > deadline)
            {
                throw Busy(earliest);
            }

            var tokenSlot = await GrainFactory.GetGrain<IAirtableTokenLimiterGrain>(state.State.ConnectionId).ReserveAsync(earliest, deadline)
                ?? throw Busy(deadline);
            return _schedule.Reserve(time.GetUtcNow(), tokenSlot, DateTimeOffset.MaxValue)!.Value;
        }
        finally
        {
            mine.SetResult();
        }
    }

    private AirtableGatewayException Busy(DateTimeOffset availableAt) => new(AirtableFailure.Busy,
        "Airtable is busy: this base's requests are queued past their deadline. Try again after the Retry-After delay.",
        (int)Math.Max(1, Math.Ceiling((availableAt - time.GetUtcNow()).TotalSeconds)));

    private async Task PauseAsync(TimeSpan? retryAfter)
    {
        _rateLimited++;
        GatewayInstruments.RateLimited.Add(1);
        var pause = retryAfter is { } given && given > TimeSpan.Zero ? given : TimeSpan.FromSeconds(Math.Max(1, _options.PenaltySeconds));
        var until = time.GetUtcNow() + pause;
        _schedule.PauseUntil(until);
        Log.Paused(logger, BaseId, pause.TotalSeconds);
        var limiter = GrainFactory.GetGrain<IAirtableTokenLimiterGrain>(state.State.ConnectionId);
        if (await limiter.GetRecentRateAsync() >= 0.9 * _options.RequestsPerSecondPerToken)
        {
            await limiter.PauseAsync(until);
        }
    }

    /// <summary>5xx answers, timeouts and network errors; Airtable's 4xx answers are final.</summary>
    private static bool IsTransient(Outcome<AirtableClient.Answer> outcome) =>
        outcome.Exception is HttpRequestException or TaskCanceledException || outcome.Result?.Response.Status >= 500;

    private async Task<string> TokenAsync() =>
        _token ??= protector.Unprotect(await GrainFactory.GetGrain<IAirtableConnectionGrain>(state.State.ConnectionId).GetProtectedTokenAsync());

    private ResiliencePipeline<AirtableClient.Answer> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<AirtableClient.Answer> { TimeProvider = time };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<AirtableClient.Answer>
            {
                ShouldHandle = args => new ValueTask<bool>(args.Context.Properties.GetValue(s_safeToRepeat, false) && IsTransient(args.Outcome)),
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(Math.Max(1, _options.RetryBaseDelayMilliseconds)),
                OnRetry = args =>
                {
                    _retries++;
                    GatewayInstruments.Retries.Add(1);
                    if (logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
                    {
                        var reason = args.Outcome.Exception?.GetType().Name ?? "HTTP " + args.Outcome.Result?.Response.Status;
                        Log.Retrying(logger, BaseId, reason, args.AttemptNumber + 1);
                    }

                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<AirtableClient.Answer>
        {
            ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome)),
            FailureRatio = Math.Clamp(_options.CircuitFailureRatio, 0.01, 1),
            MinimumThroughput = Math.Max(2, _options.CircuitMinimumThroughput),
            SamplingDuration = TimeSpan.FromSeconds(Math.Max(1, _options.CircuitSamplingSeconds)),
            BreakDuration = TimeSpan.FromSeconds(Math.Max(1, _options.CircuitBreakSeconds)),
            StateProvider = _circuit,
        });
        return builder.Build();
    }
}
