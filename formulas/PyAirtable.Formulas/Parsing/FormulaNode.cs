using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Parsing;

/// <summary>The syntax tree; immutable so one parse can be shared by every schema that compiles the same text.</summary>
internal abstract record FormulaNode(int Position);

internal sealed record LiteralNode(FormulaValue Value, int Position) : FormulaNode(Position);

/// <summary>A field reference; <paramref name="Braced"/> is false for bare single-word names, which may also be TRUE/FALSE/values.</summary>
internal sealed record FieldNode(string Name, bool Braced, int Position) : FormulaNode(Position);

internal sealed record NegateNode(FormulaNode Operand, int Position) : FormulaNode(Position);

internal sealed record BinaryNode(BinaryOperator Operator, FormulaNode Left, FormulaNode Right, int Position)
    : FormulaNode(Position);

internal sealed record CallNode(string Name, IReadOnlyList<FormulaNode> Arguments, int Position) : FormulaNode(Position);
