using PyAirtable.Formulas.Compilation;
using PyAirtable.Formulas.Schema;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas;

/// <summary>A formula bound to a schema; immutable and safe to evaluate from many threads.</summary>
public sealed class CompiledFormula
{
    private readonly Evaluator _root;

    internal CompiledFormula(string text, Evaluator root, IReadOnlyList<FormulaField> referencedFields, FormulaCompileOptions options)
    {
        Text = text;
        _root = root;
        ReferencedFields = referencedFields;
        Options = options;
    }

    public string Text { get; }

    /// <summary>Fields the formula reads, in order of first use; lets callers load only those.</summary>
    public IReadOnlyList<FormulaField> ReferencedFields { get; }

    public FormulaCompileOptions Options { get; }

    public FormulaValue Evaluate(IFormulaRecord record, FormulaContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var frame = new EvaluationFrame(record, context ?? FormulaContext.Default, FormulaValue.Blank);
        return _root(in frame);
    }

    /// <summary>Evaluates a rollup formula, where <c>values</c> is the array of looked-up values.</summary>
    public FormulaValue EvaluateRollup(IEnumerable<FormulaValue> values, IFormulaRecord record, FormulaContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(record);
        var frame = new EvaluationFrame(record, context ?? FormulaContext.Default, FormulaValue.Array(values));
        return _root(in frame);
    }

    /// <summary>Whether a record passes this formula used as <c>filterByFormula</c>.</summary>
    public bool Matches(IFormulaRecord record, FormulaContext? context = null) => Evaluate(record, context).IsTruthy;
}
