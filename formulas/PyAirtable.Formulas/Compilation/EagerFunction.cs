using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Compilation;

/// <summary>A function whose arguments are all evaluated first; the span lives on the caller's stack.</summary>
internal delegate FormulaValue EagerFunction(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame);
