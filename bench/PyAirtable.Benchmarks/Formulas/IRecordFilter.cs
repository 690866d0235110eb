namespace PyAirtable.Benchmarks.Formulas;

/// <summary>A filter over records; implemented by structs so that <see cref="RecordScan"/> calls it directly, without a delegate.</summary>
internal interface IRecordFilter<in TRecord>
{
    bool Matches(TRecord record);
}
