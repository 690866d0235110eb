using System.Runtime.CompilerServices;

namespace PyAirtable.Formulas.Values;

/// <summary>
/// A formula value. A small struct so numbers and booleans never box: the payload is one
/// 64-bit slot (double bits, UTC ticks or an error kind) plus one reference (text, array elements
/// or a date's time zone annotation).
/// </summary>
public readonly partial struct FormulaValue : IEquatable<FormulaValue>
{
    private readonly object? _reference;
    private readonly long _bits;
    private readonly FormulaValueKind _kind;
    private readonly bool _dateOnly;

    private FormulaValue(FormulaValueKind kind, long bits, object? reference, bool dateOnly = false)
    {
        _kind = kind;
        _bits = bits;
        _reference = reference;
        _dateOnly = dateOnly;
    }

    public static FormulaValue Blank => default;

    public static FormulaValue True { get; } = new(FormulaValueKind.Boolean, 1, null);

    public static FormulaValue False { get; } = new(FormulaValueKind.Boolean, 0, null);

    public static FormulaValue EmptyText { get; } = new(FormulaValueKind.Text, 0, string.Empty);

    public static FormulaValue EmptyArray { get; } = new(FormulaValueKind.Array, 0, System.Array.Empty<FormulaValue>());

    public FormulaValueKind Kind => _kind;

    public bool IsBlank => _kind == FormulaValueKind.Blank;

    public bool IsError => _kind == FormulaValueKind.Error;

    /// <summary>True when the date carries no time of day (a date field without time, TODAY(), WORKDAY()).</summary>
    public bool IsDateOnly => _kind == FormulaValueKind.Date && _dateOnly;

    /// <summary>Airtable's filter rule: everything passes except 0, false, "", NaN, [], blank and errors.</summary>
    public bool IsTruthy => _kind switch
    {
        FormulaValueKind.Text => ((string)_reference!).Length > 0,
        FormulaValueKind.Number or FormulaValueKind.Duration => NumberBits != 0,
        FormulaValueKind.Boolean => _bits != 0,
        FormulaValueKind.Date => true,
        FormulaValueKind.Array => ((FormulaValue[])_reference!).Length > 0,
        _ => false,
    };

    public static FormulaValue Number(double value) =>
        double.IsFinite(value)
            ? new(FormulaValueKind.Number, BitConverter.DoubleToInt64Bits(value), null)
            : double.IsNaN(value) ? Error(FormulaErrorKind.NaN) : Error(FormulaErrorKind.Error);

    public static FormulaValue Boolean(bool value) => value ? True : False;

    public static FormulaValue Text(string? value) =>
        value is null ? Blank : value.Length == 0 ? EmptyText : new(FormulaValueKind.Text, 0, value);

    public static FormulaValue DateTime(DateTimeOffset value) => new(FormulaValueKind.Date, value.UtcTicks, null);

    internal static FormulaValue DateTime(long utcTicks, bool dateOnly, DateAnnotation? annotation) =>
        utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks
            ? Error(FormulaErrorKind.Error)
            : new(FormulaValueKind.Date, utcTicks, annotation, dateOnly);

    /// <summary>A calendar date without time, anchored at midnight UTC as Airtable stores date-only fields.</summary>
    public static FormulaValue Date(DateOnly value) =>
        new(FormulaValueKind.Date, value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks, null, dateOnly: true);

    public static FormulaValue Duration(TimeSpan value) => DurationSeconds(value.TotalSeconds);

    public static FormulaValue DurationSeconds(double seconds) =>
        double.IsFinite(seconds)
            ? new(FormulaValueKind.Duration, BitConverter.DoubleToInt64Bits(seconds), null)
            : Number(seconds);

    public static FormulaValue Array(IEnumerable<FormulaValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return FromArray(values.ToArray());
    }

    public static FormulaValue Array(params FormulaValue[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return FromArray((FormulaValue[])values.Clone());
    }

    /// <summary>Takes ownership of the array without copying; callers must not mutate it afterwards.</summary>
    internal static FormulaValue FromArray(FormulaValue[] values) =>
        values.Length == 0 ? EmptyArray : new(FormulaValueKind.Array, 0, values);

    public static FormulaValue Error(FormulaErrorKind kind) => new(FormulaValueKind.Error, (long)kind, null);

    public static FormulaValue NaN => Error(FormulaErrorKind.NaN);

    public static FormulaValue GenericError => Error(FormulaErrorKind.Error);

    /// <summary>The number, boolean (1/0) or duration in seconds; NaN for other kinds.</summary>
    public double AsNumber => _kind switch
    {
        FormulaValueKind.Number or FormulaValueKind.Duration => NumberBits,
        FormulaValueKind.Boolean => _bits,
        _ => double.NaN,
    };

    public bool AsBoolean => _kind == FormulaValueKind.Boolean && _bits != 0;

    /// <summary>The text of a text value; null for other kinds (use <see cref="ToText"/> to coerce).</summary>
    public string? AsString => _kind == FormulaValueKind.Text ? (string)_reference! : null;

    public DateTimeOffset AsDateTime => _kind == FormulaValueKind.Date
        ? new DateTimeOffset(_bits, TimeSpan.Zero)
        : throw new InvalidOperationException($"A {_kind} value is not a date.");

    /// <summary>The zone SET_TIMEZONE attached, if any; otherwise the evaluation context's zone applies.</summary>
    public TimeZoneInfo? TimeZone => (_reference as DateAnnotation)?.Zone;

    public string? Locale => (_reference as DateAnnotation)?.Locale;

    public IReadOnlyList<FormulaValue> Elements => _kind == FormulaValueKind.Array
        ? (FormulaValue[])_reference!
        : System.Array.Empty<FormulaValue>();

    public FormulaErrorKind ErrorKind => _kind == FormulaValueKind.Error
        ? (FormulaErrorKind)_bits
        : throw new InvalidOperationException($"A {_kind} value is not an error.");

    internal double NumberBits
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BitConverter.Int64BitsToDouble(_bits);
    }

    internal long UtcTicks => _bits;

    internal string TextUnsafe => (string)_reference!;

    internal FormulaValue[] ArrayUnsafe => (FormulaValue[])_reference!;

    internal DateAnnotation? Annotation => _reference as DateAnnotation;

    public bool Equals(FormulaValue other) =>
        _kind == other._kind && _bits == other._bits && _dateOnly == other._dateOnly && _kind switch
        {
            FormulaValueKind.Text => string.Equals((string)_reference!, (string)other._reference!, StringComparison.Ordinal),
            FormulaValueKind.Array => ArrayUnsafe.AsSpan().SequenceEqual(other.ArrayUnsafe),
            _ => true,
        };

    public override bool Equals(object? obj) => obj is FormulaValue other && Equals(other);

    public override int GetHashCode() => _kind switch
    {
        FormulaValueKind.Text => HashCode.Combine(_kind, string.GetHashCode((string)_reference!, StringComparison.Ordinal)),
        FormulaValueKind.Array => HashCode.Combine(_kind, ArrayUnsafe.Length),
        _ => HashCode.Combine(_kind, _bits),
    };

    public static bool operator ==(FormulaValue left, FormulaValue right) => left.Equals(right);

    public static bool operator !=(FormulaValue left, FormulaValue right) => !left.Equals(right);

    public override string ToString() => ToText();
}
