namespace PyAirtable.Runtime.Tests.TestGrains;

public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="other"/>, which calls back into this grain.</summary>
    Task<string> StartAsync(string other);

    Task<string> CallBackAsync(string origin);

    Task<string> EchoAsync(string text);

    Task<string> ParentActivityIdAsync(string other);

    Task<string?> CurrentActivityParentAsync();
}

public sealed class ChainGrain : Grain, IChainGrain
{
    public async Task<string> StartAsync(string other) =>
        await GrainFactory.GetGrain<IChainGrain>(other).CallBackAsync(this.GetPrimaryKeyString());

    public async Task<string> CallBackAsync(string origin) =>
        await GrainFactory.GetGrain<IChainGrain>(origin).EchoAsync("via " + this.GetPrimaryKeyString());

    public async Task<string> EchoAsync(string text)
    {
        await Task.Yield();
        return text;
    }

    public async Task<string> ParentActivityIdAsync(string other)
    {
        var mine = System.Diagnostics.Activity.Current?.SpanId.ToString() ?? "none";
        var childParent = await GrainFactory.GetGrain<IChainGrain>(other).CurrentActivityParentAsync();
        return mine + "|" + childParent;
    }

    public Task<string?> CurrentActivityParentAsync() =>
        Task.FromResult(System.Diagnostics.Activity.Current?.ParentSpanId.ToString());
}
