namespace PyAirtable.Benchmarks.Harness;

/// <summary>Heap figures after forcing full collections, so that only what is reachable is counted.</summary>
internal static class Memory
{
    public static long Settled()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
