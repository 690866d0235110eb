using PyAirtable.Formulas.Schema;

namespace PyAirtable.Benchmarks.Formulas;

/// <summary>Any predicate as a filter, for the profile rows (a delegate call per record on both sides).</summary>
internal readonly struct DelegateFilter(Func<IFormulaRecord, bool> predicate) : IRecordFilter<IFormulaRecord>
{
    public bool Matches(IFormulaRecord record) => predicate(record);
}
