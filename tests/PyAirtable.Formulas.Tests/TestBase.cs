using System.Globalization;
using PyAirtable.Formulas.Schema;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Tests;

/// <summary>One sample record and a compact rendering of results so tables of cases stay readable.</summary>
internal static class TestBase
{
    public static readonly DateTimeOffset Now = new(2024, 3, 15, 10, 30, 0, TimeSpan.Zero);

    public static readonly FormulaContext Context = new(new FakeTimeProvider(Now));

    public static readonly FormulaSchema TestSchema = FormulaSchema.Create(
        ("fldAbc123DEF456gh", "Name", FormulaFieldType.Text),
        ("fldStatus00000001", "Status", FormulaFieldType.SingleSelect),
        ("fldPoints00000001", "Points", FormulaFieldType.Number),
        ("fldDone0000000001", "Done", FormulaFieldType.Checkbox),
        ("fldEmpty000000001", "Empty", FormulaFieldType.Text),
        ("fldDue00000000001", "Due Date", FormulaFieldType.Date),
        ("fldStart000000001", "Start", FormulaFieldType.DateTime),
        ("fldEnd00000000001", "End", FormulaFieldType.DateTime),
        ("fldTags0000000001", "Tags", FormulaFieldType.MultipleSelects),
        ("fldScores00000001", "Scores", FormulaFieldType.Lookup),
        ("fldXyz", "Notes", FormulaFieldType.Text),
        ("fldAmount00000001", "Amount", FormulaFieldType.Text),
        ("fldBraces00000001", "Odd {Name}", FormulaFieldType.Text),
        ("fldZero0000000001", "Zero", FormulaFieldType.Number),
        ("fldUnchecked00001", "Unchecked", FormulaFieldType.Checkbox),
        ("fldNested00000001", "Nested", FormulaFieldType.Lookup));

    public static readonly FormulaRecord SampleRecord = new(
        "recTest000000001",
        new DateTimeOffset(2024, 1, 10, 8, 0, 0, TimeSpan.Zero),
        [
            FormulaValue.Text("Bob's API Client"),
            FormulaValue.Text("Done"),
            FormulaValue.Number(5),
            FormulaValue.True,
            FormulaValue.Blank,
            FormulaValue.Date(new DateOnly(2024, 3, 20)),
            FormulaValue.DateTime(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero)),
            FormulaValue.DateTime(new DateTimeOffset(2024, 3, 4, 17, 30, 0, TimeSpan.Zero)),
            FormulaValue.FromClr(new[] { "api", "web", "api" }),
            FormulaValue.FromClr(new[] { 1, 2, 3 }),
            FormulaValue.Text("  padded  notes "),
            FormulaValue.Text("$1,234.50"),
            FormulaValue.Text("braced"),
            FormulaValue.Number(0),
            FormulaValue.False,
            FormulaValue.FromClr(new object?[] { new[] { "a", "b" }, "", null, "c" }),
        ],
        new DateTimeOffset(2024, 3, 14, 12, 0, 0, TimeSpan.Zero));

    public static FormulaValue Evaluate(string formula) =>
        FormulaCompiler.Compile(formula, TestSchema).Evaluate(SampleRecord, Context);

    public static string Eval(string formula) => Show(Evaluate(formula));

    /// <summary>Text in single quotes, numbers bare, TRUE/FALSE, BLANK, ISO dates, duration:seconds, [arrays] and error codes.</summary>
    public static string Show(FormulaValue value) => value.Kind switch
    {
        FormulaValueKind.Blank => "BLANK",
        FormulaValueKind.Text => $"'{value.AsString}'",
        FormulaValueKind.Number => value.AsNumber.ToString(CultureInfo.InvariantCulture),
        FormulaValueKind.Boolean => value.AsBoolean ? "TRUE" : "FALSE",
        FormulaValueKind.Date => value.ToText(),
        FormulaValueKind.Duration => $"duration:{value.AsNumber.ToString(CultureInfo.InvariantCulture)}",
        FormulaValueKind.Array => $"[{string.Join(", ", value.Elements.Select(Show))}]",
        _ => value.ErrorKind switch
        {
            FormulaErrorKind.NaN => "NaN",
            FormulaErrorKind.DivisionByZero => "#DIV/0",
            _ => "#ERROR!",
        },
    };
}
