using PyAirtable.Formulas.Compilation;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Functions;

internal static class LogicalFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.AddLazy("AND", 1, FunctionRegistry.Variadic, And);
        registry.AddLazy("OR", 1, FunctionRegistry.Variadic, Or);
        registry.Add("XOR", 1, FunctionRegistry.Variadic, Xor);
        registry.Add("NOT", 1, 1, static (a, in _) => FormulaValue.Boolean(!a[0].IsTruthy));
        registry.AddLazy("IF", 2, 3, If);
        registry.AddLazy("SWITCH", 2, FunctionRegistry.Variadic, Switch);
        registry.Add("ISERROR", 1, 1, static (a, in _) => FormulaValue.Boolean(a[0].IsError), propagatesErrors: false);
        registry.Add("BLANK", 0, 0, static (_, in _) => FormulaValue.Blank);
        registry.Add("ERROR", 0, 1, static (_, in _) => FormulaValue.GenericError, propagatesErrors: false);
        registry.Add("TRUE", 0, 0, static (_, in _) => FormulaValue.True);
        registry.Add("FALSE", 0, 0, static (_, in _) => FormulaValue.False);
    }

    /// <summary>Stops at the first falsy argument; arrays count element by element, as lookups do in Airtable.</summary>
    private static FormulaValue And(Evaluator[] arguments, in EvaluationFrame frame)
    {
        foreach (var argument in arguments)
        {
            var value = argument(in frame);
            if (value.IsError)
            {
                return value;
            }
            if (!AllTruthy(value))
            {
                return FormulaValue.False;
            }
        }
        return FormulaValue.True;
    }

    private static FormulaValue Or(Evaluator[] arguments, in EvaluationFrame frame)
    {
        foreach (var argument in arguments)
        {
            var value = argument(in frame);
            if (value.IsError)
            {
                return value;
            }
            if (AnyTruthy(value))
            {
                return FormulaValue.True;
            }
        }
        return FormulaValue.False;
    }

    private static FormulaValue Xor(ReadOnlySpan<FormulaValue> arguments, in EvaluationFrame frame)
    {
        var truthy = 0;
        foreach (var value in Arguments.Flatten(arguments))
        {
            truthy += value.IsTruthy ? 1 : 0;
        }
        return FormulaValue.Boolean(truthy % 2 == 1);
    }

    private static bool AllTruthy(in FormulaValue value)
    {
        if (value.Kind != FormulaValueKind.Array)
        {
            return value.IsTruthy;
        }
        foreach (var element in value.ArrayUnsafe)
        {
            if (!AllTruthy(element))
            {
                return false;
            }
        }
        return value.ArrayUnsafe.Length > 0;
    }

    private static bool AnyTruthy(in FormulaValue value)
    {
        if (value.Kind != FormulaValueKind.Array)
        {
            return value.IsTruthy;
        }
        foreach (var element in value.ArrayUnsafe)
        {
            if (AnyTruthy(element))
            {
                return true;
            }
        }
        return false;
    }

    private static FormulaValue If(Evaluator[] arguments, in EvaluationFrame frame)
    {
        var condition = arguments[0](in frame);
        if (condition.IsError)
        {
            return condition;
        }
        if (condition.IsTruthy)
        {
            return arguments[1](in frame);
        }
        return arguments.Length > 2 ? arguments[2](in frame) : FormulaValue.Blank;
    }

    /// <summary>SWITCH(expression, pattern, result, ..., [default]); patterns match with <c>=</c> semantics.</summary>
    private static FormulaValue Switch(Evaluator[] arguments, in EvaluationFrame frame)
    {
        var subject = arguments[0](in frame);
        if (subject.IsError)
        {
            return subject;
        }
        var i = 1;
        for (; i + 1 < arguments.Length; i += 2)
        {
            var pattern = arguments[i](in frame);
            if (pattern.IsError)
            {
                return pattern;
            }
            if (FormulaOperators.AreEqual(subject, pattern) && subject.Kind == FormulaValueKind.Blank == (pattern.Kind == FormulaValueKind.Blank))
            {
                return arguments[i + 1](in frame);
            }
        }
        return i < arguments.Length ? arguments[i](in frame) : FormulaValue.Blank;
    }
}
