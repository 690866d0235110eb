using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Compilation;

/// <summary>A function that decides which arguments to evaluate (IF, SWITCH, AND, OR, ISERROR).</summary>
internal delegate FormulaValue LazyFunction(Evaluator[] arguments, in EvaluationFrame frame);
