namespace PyAirtable.Benchmarks.Harness;

/// <summary>What one operation cost on average, measured by <see cref="OperationTimer"/>.</summary>
internal sealed record OperationCost(double Nanoseconds, double BytesAllocated, long Operations)
{
    public string Describe() => $"{Format.Nanoseconds(Nanoseconds)}, {Format.Bytes(BytesAllocated)}/op";
}
