using PyAirtable.GrainInterfaces.Users;

namespace PyAirtable.Grains.Users;

/// <summary>Failed sign-ins of one account or address, persisted so a restart does not reset the count.</summary>
public sealed class LoginThrottleGrain([PersistentState("throttle")] IPersistentState<LoginThrottleState> state, TimeProvider time) : Grain, ILoginThrottleGrain
{
    private ThrottleLimits Limits => this.GetPrimaryKeyString().StartsWith("address:", StringComparison.Ordinal) ? ThrottleLimits.Address : ThrottleLimits.Account;

    public Task<ThrottleDecision> CheckAsync() => Task.FromResult(LoginThrottlePolicy.Decide(state.State.Failures, time.GetUtcNow(), Limits));

    public async Task RecordFailureAsync()
    {
        var now = time.GetUtcNow();
        state.State = new LoginThrottleState { Failures = [.. LoginThrottlePolicy.Recent(state.State.Failures, now), now] };
        await state.WriteStateAsync();
    }

    public async Task ResetAsync()
    {
        if (state.State.Failures.Count > 0)
        {
            state.State = new LoginThrottleState();
            await state.WriteStateAsync();
        }
    }
}
