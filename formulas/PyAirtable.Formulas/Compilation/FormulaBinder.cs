using PyAirtable.Formulas.Functions;
using PyAirtable.Formulas.Parsing;
using PyAirtable.Formulas.Schema;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Compilation;

/// <summary>
/// Turns the syntax tree into closures: fields are resolved to descriptors, operators to static functions,
/// and calls whose arguments are all constant are folded, so per-record work is only what depends on the record.
/// </summary>
internal sealed class FormulaBinder(IFormulaSchema schema, FormulaCompileOptions options)
{
    private readonly List<string> _unknownFields = [];
    private readonly List<FormulaField> _referencedFields = [];

    private delegate FormulaValue BinaryFunction(in FormulaValue left, in FormulaValue right);

    public IReadOnlyList<FormulaField> ReferencedFields => _referencedFields;

    public Evaluator BindRoot(FormulaNode root)
    {
        var bound = Bind(root);
        if (_unknownFields.Count > 0)
        {
            var names = _unknownFields.Distinct(StringComparer.Ordinal).ToArray();
            throw new FormulaCompileException($"Unknown field names: {string.Join(", ", names)}", -1, names);
        }
        return bound.Evaluate;
    }

    private Bound Bind(FormulaNode node) => node switch
    {
        LiteralNode literal => Bound.Constant(literal.Value),
        FieldNode field => BindField(field),
        NegateNode negate => BindNegate(negate),
        BinaryNode binary => BindBinary(binary),
        CallNode call => BindCall(call),
        _ => throw new FormulaCompileException($"Unsupported syntax {node.GetType().Name}", node.Position),
    };

    private Bound BindField(FieldNode node)
    {
        if (schema.TryGetField(node.Name, out var field))
        {
            if (!_referencedFields.Contains(field))
            {
                _referencedFields.Add(field);
            }
            return new Bound((in EvaluationFrame frame) => frame.Record!.GetValue(field), null);
        }
        if (!node.Braced)
        {
            if (string.Equals(node.Name, "values", StringComparison.Ordinal) && options.HasFlag(FormulaCompileOptions.Rollup))
            {
                return new Bound(static (in EvaluationFrame frame) => frame.RollupValues, null);
            }
            if (string.Equals(node.Name, "TRUE", StringComparison.OrdinalIgnoreCase))
            {
                return Bound.Constant(FormulaValue.True);
            }
            if (string.Equals(node.Name, "FALSE", StringComparison.OrdinalIgnoreCase))
            {
                return Bound.Constant(FormulaValue.False);
            }
        }
        _unknownFields.Add(node.Name);
        return Bound.Constant(FormulaValue.Blank);
    }

    private Bound BindNegate(NegateNode node)
    {
        var operand = Bind(node.Operand);
        if (operand.Value is { } constant)
        {
            return Bound.Constant(FormulaOperators.Negate(constant));
        }
        var evaluate = operand.Evaluate;
        return new Bound((in EvaluationFrame frame) => FormulaOperators.Negate(evaluate(in frame)), null);
    }

    private Bound BindBinary(BinaryNode node)
    {
        var left = Bind(node.Left);
        var right = Bind(node.Right);
        BinaryFunction function = node.Operator switch
        {
            BinaryOperator.Add => FormulaOperators.Add,
            BinaryOperator.Subtract => FormulaOperators.Subtract,
            BinaryOperator.Multiply => FormulaOperators.Multiply,
            BinaryOperator.Divide => FormulaOperators.Divide,
            BinaryOperator.Concatenate => FormulaOperators.Concatenate,
            BinaryOperator.Equal => FormulaOperators.Equal,
            BinaryOperator.NotEqual => FormulaOperators.NotEqual,
            BinaryOperator.Less => FormulaOperators.Less,
            BinaryOperator.Greater => FormulaOperators.Greater,
            BinaryOperator.LessOrEqual => FormulaOperators.LessOrEqual,
            _ => FormulaOperators.GreaterOrEqual,
        };
        if (left.Value is { } a && right.Value is { } b)
        {
            return Bound.Constant(function(a, b));
        }
        var evaluateLeft = left.Evaluate;
        var evaluateRight = right.Evaluate;
        if (node.Operator == BinaryOperator.Equal && right.Value is { Kind: FormulaValueKind.Text } text)
        {
            // {Status}='Done' is the most common filter; compare strings without the general coercion path.
            var expected = text.TextUnsafe;
            return new Bound(
                (in EvaluationFrame frame) =>
                {
                    var actual = evaluateLeft(in frame);
                    return actual.Kind == FormulaValueKind.Text
                        ? FormulaValue.Boolean(string.Equals(actual.TextUnsafe, expected, StringComparison.Ordinal))
                        : FormulaOperators.Equal(actual, text);
                },
                null);
        }
        if (right.Value is { } constantRight)
        {
            return new Bound((in EvaluationFrame frame) => function(evaluateLeft(in frame), constantRight), null);
        }
        return new Bound((in EvaluationFrame frame) => function(evaluateLeft(in frame), evaluateRight(in frame)), null);
    }

    private Bound BindCall(CallNode node)
    {
        if (!FunctionRegistry.All.TryGetValue(node.Name, out var definition))
        {
            throw new FormulaCompileException($"Unknown function names: {node.Name}", node.Position);
        }
        var count = node.Arguments.Count;
        if (count < definition.MinArguments || count > definition.MaxArguments)
        {
            throw new FormulaCompileException(
                $"{node.Name} expects {DescribeArity(definition)} but got {count} at position {node.Position}",
                node.Position);
        }
        var arguments = node.Arguments.Select(Bind).ToArray();
        var evaluators = arguments.Select(argument => argument.Evaluate).ToArray();
        var call = definition.Lazy is { } lazy
            ? (in EvaluationFrame frame) => lazy(evaluators, in frame)
            : EagerCall(definition, definition.Eager!, evaluators);
        if (definition.Foldable && arguments.All(argument => argument.Value is not null))
        {
            return Bound.Constant(call(new EvaluationFrame(null, FormulaContext.Default, FormulaValue.Blank)));
        }
        return new Bound(call, null);
    }

    private static Evaluator EagerCall(FunctionDefinition definition, EagerFunction function, Evaluator[] arguments)
    {
        var propagate = definition.PropagatesErrors;
        switch (arguments.Length)
        {
            case 0:
                return (in EvaluationFrame frame) => function([], in frame);
            case 1:
                var only = arguments[0];
                return (in EvaluationFrame frame) =>
                {
                    var value = only(in frame);
                    return propagate && value.IsError ? value : function(new ReadOnlySpan<FormulaValue>(in value), in frame);
                };
            case <= ArgumentBuffer.Capacity:
                return (in EvaluationFrame frame) =>
                {
                    var buffer = default(ArgumentBuffer);
                    Span<FormulaValue> values = buffer;
                    values = values[..arguments.Length];
                    for (var i = 0; i < arguments.Length; i++)
                    {
                        values[i] = arguments[i](in frame);
                        if (propagate && values[i].IsError)
                        {
                            return values[i];
                        }
                    }
                    return function(values, in frame);
                };
            default:
                return (in EvaluationFrame frame) =>
                {
                    var values = new FormulaValue[arguments.Length];
                    for (var i = 0; i < arguments.Length; i++)
                    {
                        values[i] = arguments[i](in frame);
                        if (propagate && values[i].IsError)
                        {
                            return values[i];
                        }
                    }
                    return function(values, in frame);
                };
        }
    }

    private static string DescribeArity(FunctionDefinition definition) => definition switch
    {
        { MaxArguments: FunctionRegistry.Variadic } => $"at least {definition.MinArguments} argument(s)",
        _ when definition.MinArguments == definition.MaxArguments => $"{definition.MinArguments} argument(s)",
        _ => $"{definition.MinArguments} to {definition.MaxArguments} arguments",
    };

    /// <summary>A bound node; <see cref="Value"/> is set when it is known at compile time.</summary>
    private readonly record struct Bound(Evaluator Evaluate, FormulaValue? Value)
    {
        public static Bound Constant(FormulaValue value) => new((in EvaluationFrame _) => value, value);
    }
}
