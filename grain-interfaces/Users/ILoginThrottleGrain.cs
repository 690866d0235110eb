namespace PyAirtable.GrainInterfaces.Users;

/// <summary>Counts failed sign-ins for one account (<c>account:{email}</c>) or one client address (<c>address:{ip}</c>).</summary>
public interface ILoginThrottleGrain : IGrainWithStringKey
{
    /// <summary>Whether another attempt may be made now.</summary>
    Task<ThrottleDecision> CheckAsync();

    /// <summary>Records a failed attempt.</summary>
    Task RecordFailureAsync();

    /// <summary>Forgets the failures after a successful sign-in.</summary>
    Task ResetAsync();
}
