using PyAirtable.Formulas.Schema;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Compilation;

/// <summary>Everything one evaluation reads, passed by reference so evaluating a record allocates nothing for it.</summary>
internal readonly struct EvaluationFrame(IFormulaRecord? record, FormulaContext context, FormulaValue rollupValues)
{
    public IFormulaRecord? Record { get; } = record;

    public FormulaContext Context { get; } = context;

    public FormulaValue RollupValues { get; } = rollupValues;
}
