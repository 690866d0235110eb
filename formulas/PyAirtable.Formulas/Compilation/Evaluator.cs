using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Compilation;

/// <summary>A compiled node: the AST becomes a tree of these closures, so evaluation never walks syntax.</summary>
internal delegate FormulaValue Evaluator(in EvaluationFrame frame);
