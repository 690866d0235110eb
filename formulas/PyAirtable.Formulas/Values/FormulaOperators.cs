namespace PyAirtable.Formulas.Values;

/// <summary>Airtable's operator semantics, including its loose coercions between text, numbers, blanks and dates.</summary>
internal static class FormulaOperators
{
    public static FormulaValue Add(in FormulaValue left, in FormulaValue right)
    {
        if (left.Kind == FormulaValueKind.Number && right.Kind == FormulaValueKind.Number)
        {
            return FormulaValue.Number(left.NumberBits + right.NumberBits);
        }
        if (TryPropagate(left, right, out var error))
        {
            return error;
        }
        if (left.Kind == FormulaValueKind.Date && IsNumeric(right))
        {
            return Shift(left, right.ToNumber());
        }
        if (right.Kind == FormulaValueKind.Date && IsNumeric(left))
        {
            return Shift(right, left.ToNumber());
        }
        if (left.Kind == FormulaValueKind.Duration && right.Kind == FormulaValueKind.Duration)
        {
            return FormulaValue.DurationSeconds(left.NumberBits + right.NumberBits);
        }
        return FormulaValue.Number(left.ToNumber() + right.ToNumber());
    }

    public static FormulaValue Subtract(in FormulaValue left, in FormulaValue right)
    {
        if (left.Kind == FormulaValueKind.Number && right.Kind == FormulaValueKind.Number)
        {
            return FormulaValue.Number(left.NumberBits - right.NumberBits);
        }
        if (TryPropagate(left, right, out var error))
        {
            return error;
        }
        if (left.Kind == FormulaValueKind.Date && right.Kind == FormulaValueKind.Date)
        {
            // Date minus date is a duration in seconds, which formats as h:mm like Airtable's duration fields.
            return FormulaValue.DurationSeconds((left.UtcTicks - right.UtcTicks) / (double)TimeSpan.TicksPerSecond);
        }
        if (left.Kind == FormulaValueKind.Date && IsNumeric(right))
        {
            return Shift(left, -right.ToNumber());
        }
        if (left.Kind == FormulaValueKind.Duration && right.Kind == FormulaValueKind.Duration)
        {
            return FormulaValue.DurationSeconds(left.NumberBits - right.NumberBits);
        }
        return FormulaValue.Number(left.ToNumber() - right.ToNumber());
    }

    public static FormulaValue Multiply(in FormulaValue left, in FormulaValue right) =>
        TryPropagate(left, right, out var error) ? error : FormulaValue.Number(left.ToNumber() * right.ToNumber());

    public static FormulaValue Divide(in FormulaValue left, in FormulaValue right)
    {
        if (TryPropagate(left, right, out var error))
        {
            return error;
        }
        var divisor = right.ToNumber();
        return divisor == 0
            ? FormulaValue.Error(FormulaErrorKind.DivisionByZero)
            : FormulaValue.Number(left.ToNumber() / divisor);
    }

    public static FormulaValue Concatenate(in FormulaValue left, in FormulaValue right) =>
        TryPropagate(left, right, out var error) ? error : FormulaValue.Text(string.Concat(left.ToText(), right.ToText()));

    public static FormulaValue Negate(in FormulaValue operand) => operand.Kind switch
    {
        FormulaValueKind.Error => operand,
        FormulaValueKind.Duration => FormulaValue.DurationSeconds(-operand.NumberBits),
        _ => FormulaValue.Number(-operand.ToNumber()),
    };

    public static FormulaValue Equal(in FormulaValue left, in FormulaValue right) =>
        TryPropagate(left, right, out var error) ? error : FormulaValue.Boolean(AreEqual(left, right));

    public static FormulaValue NotEqual(in FormulaValue left, in FormulaValue right) =>
        TryPropagate(left, right, out var error) ? error : FormulaValue.Boolean(!AreEqual(left, right));

    public static FormulaValue Less(in FormulaValue left, in FormulaValue right) =>
        Ordered(left, right, static order => order < 0);

    public static FormulaValue Greater(in FormulaValue left, in FormulaValue right) =>
        Ordered(left, right, static order => order > 0);

    public static FormulaValue LessOrEqual(in FormulaValue left, in FormulaValue right) =>
        Ordered(left, right, static order => order <= 0);

    public static FormulaValue GreaterOrEqual(in FormulaValue left, in FormulaValue right) =>
        Ordered(left, right, static order => order >= 0);

    /// <summary>Airtable's <c>=</c>: text is case-sensitive, blank equals "" and 0, numeric text equals its number.</summary>
    public static bool AreEqual(in FormulaValue left, in FormulaValue right)
    {
        if (left.Kind == FormulaValueKind.Text && right.Kind == FormulaValueKind.Text)
        {
            return string.Equals(left.TextUnsafe, right.TextUnsafe, StringComparison.Ordinal);
        }
        var a = Unwrap(left);
        var b = Unwrap(right);
        if (a.Kind == FormulaValueKind.Array || b.Kind == FormulaValueKind.Array)
        {
            return string.Equals(a.ToText(), b.ToText(), StringComparison.Ordinal);
        }
        if (a.Kind == FormulaValueKind.Date || b.Kind == FormulaValueKind.Date)
        {
            return TryDateTicks(a, out var x) && TryDateTicks(b, out var y) && x == y;
        }
        if (a.Kind == FormulaValueKind.Blank || b.Kind == FormulaValueKind.Blank)
        {
            var other = a.Kind == FormulaValueKind.Blank ? b : a;
            return other.Kind switch
            {
                FormulaValueKind.Blank => true,
                FormulaValueKind.Text => other.TextUnsafe.Length == 0,
                _ => other.ToNumber() == 0,
            };
        }
        if (a.Kind == FormulaValueKind.Text || b.Kind == FormulaValueKind.Text)
        {
            var number = a.Kind == FormulaValueKind.Text ? b.ToNumber() : a.ToNumber();
            var text = a.Kind == FormulaValueKind.Text ? a.TextUnsafe : b.TextUnsafe;
            var parsed = FormulaValue.ParseNumber(text);
            return text.Trim().Length > 0 && parsed == number;
        }
        return a.ToNumber() == b.ToNumber();
    }

    /// <summary>Orders two values, or returns false when Airtable would compare them as NaN (always false).</summary>
    public static bool TryCompare(in FormulaValue left, in FormulaValue right, out int order)
    {
        var a = Unwrap(left);
        var b = Unwrap(right);
        if (a.Kind == FormulaValueKind.Text && b.Kind == FormulaValueKind.Text)
        {
            order = string.CompareOrdinal(a.TextUnsafe, b.TextUnsafe);
            return true;
        }
        if (a.Kind == FormulaValueKind.Date || b.Kind == FormulaValueKind.Date)
        {
            if (TryDateTicks(a, out var x) && TryDateTicks(b, out var y))
            {
                order = x.CompareTo(y);
                return true;
            }
            order = 0;
            return false;
        }
        var p = a.ToNumber();
        var q = b.ToNumber();
        order = p.CompareTo(q);
        return !double.IsNaN(p) && !double.IsNaN(q);
    }

    private static FormulaValue Ordered(in FormulaValue left, in FormulaValue right, Func<int, bool> accept)
    {
        if (left.Kind == FormulaValueKind.Number && right.Kind == FormulaValueKind.Number)
        {
            return FormulaValue.Boolean(accept(left.NumberBits.CompareTo(right.NumberBits)));
        }
        if (TryPropagate(left, right, out var error))
        {
            return error;
        }
        return FormulaValue.Boolean(TryCompare(left, right, out var order) && accept(order));
    }

    private static bool TryPropagate(in FormulaValue left, in FormulaValue right, out FormulaValue error)
    {
        error = left.IsError ? left : right;
        return left.IsError || right.IsError;
    }

    private static bool IsNumeric(in FormulaValue value) =>
        value.Kind is FormulaValueKind.Number or FormulaValueKind.Duration or FormulaValueKind.Boolean or FormulaValueKind.Blank;

    private static FormulaValue Shift(in FormulaValue date, double seconds) => FormulaValue.DateTime(
        date.UtcTicks + (long)Math.Round(seconds * TimeSpan.TicksPerSecond),
        date.IsDateOnly && seconds % 86400 == 0,
        date.Annotation);

    private static FormulaValue Unwrap(in FormulaValue value) =>
        value.Kind == FormulaValueKind.Array && value.ArrayUnsafe.Length == 1 ? value.ArrayUnsafe[0] : value;

    private static bool TryDateTicks(in FormulaValue value, out long ticks)
    {
        if (value.Kind == FormulaValueKind.Date)
        {
            ticks = value.UtcTicks;
            return true;
        }
        ticks = 0;
        return value.Kind == FormulaValueKind.Text && DateParsing.TryParse(value.TextUnsafe, out ticks, out _);
    }
}
