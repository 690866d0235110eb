namespace PyAirtable.Runtime.Hosting;

internal sealed class RuntimeHealth(SiloRuntime runtime) : IRuntimeHealth
{
    public bool IsStarted => runtime.IsStarted;

    public string StorageDescription => $"{runtime.Storage.ProviderName} ({runtime.Storage.Description})";

    public async Task<bool> IsStorageReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await runtime.Storage.IsReachableAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return false;
        }
    }
}
