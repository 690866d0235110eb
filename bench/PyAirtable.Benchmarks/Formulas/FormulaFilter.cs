using PyAirtable.Formulas;
using PyAirtable.Formulas.Schema;

namespace PyAirtable.Benchmarks.Formulas;

/// <summary>A compiled formula used as <c>filterByFormula</c>.</summary>
internal readonly struct FormulaFilter(CompiledFormula formula) : IRecordFilter<IFormulaRecord>
{
    public bool Matches(IFormulaRecord record) => formula.Matches(record);
}
