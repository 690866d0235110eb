using PyAirtable.Runtime.Catalog;

namespace PyAirtable.Runtime.Messaging;

/// <summary>
/// What flows along a call chain: the chain's id (so that A → B → A is let through instead of
/// deadlocking) and the activation whose turn is running, if any.
/// </summary>
internal sealed class CallContext(long chainId, ActivationData? activation)
{
    private static readonly AsyncLocal<CallContext?> s_current = new();
    private static long s_lastChainId;

    public long ChainId { get; } = chainId;

    public ActivationData? Activation { get; } = activation;

    public static CallContext? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    /// <summary>The chain of the current turn, or a new chain for calls from outside any grain.</summary>
    public static long CurrentOrNewChainId() => s_current.Value?.ChainId ?? NewChainId();

    public static long NewChainId() => Interlocked.Increment(ref s_lastChainId);
}
