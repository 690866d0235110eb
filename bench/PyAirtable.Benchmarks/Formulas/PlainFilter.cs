namespace PyAirtable.Benchmarks.Formulas;

/// <summary>The hand-written filter over plain CLR fields: what the same work costs with no value wrapper and no interface.</summary>
internal readonly struct PlainFilter : IRecordFilter<TaskRow>
{
    public bool Matches(TaskRow record) =>
        string.Equals(record.Status, "Done", StringComparison.Ordinal)
        && record.Points > 3
        && record.Name.ToLowerInvariant().Contains("api", StringComparison.Ordinal);
}
