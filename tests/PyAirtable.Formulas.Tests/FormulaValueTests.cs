using System.Text.Json;
using PyAirtable.Formulas.Schema;
using PyAirtable.Formulas.Values;
using static PyAirtable.Formulas.Tests.TestBase;

namespace PyAirtable.Formulas.Tests;

public sealed class FormulaValueTests
{
    [Fact]
    public void ResultsConvertToJsonFriendlyValues()
    {
        Assert.Null(Evaluate("BLANK()").ToClrValue());
        Assert.Equal("x", Evaluate("'x'").ToClrValue());
        Assert.Equal(2.5, Evaluate("5 / 2").ToClrValue());
        Assert.Equal(true, Evaluate("TRUE()").ToClrValue());
        Assert.Equal("2024-03-20", Evaluate("{Due Date}").ToClrValue());
        Assert.Equal("2024-03-01T09:00:00.000Z", Evaluate("{Start}").ToClrValue());
        Assert.Equal(new object?[] { 1.0, 2.0, 3.0 }, (object?[])Evaluate("{Scores}").ToClrValue()!);
    }

    [Fact]
    public void ErrorsConvertToAirtableErrorObjects()
    {
        var error = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Evaluate("ERROR()").ToClrValue());
        Assert.Equal("#ERROR!", error["error"]);
        var nan = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Evaluate("SQRT(-1)").ToClrValue());
        Assert.Equal("NaN", nan["specialValue"]);
    }

    [Fact]
    public void JsonCellValuesBecomeFormulaValues()
    {
        using var document = JsonDocument.Parse("""
            {"text": "hi", "number": 3.5, "flag": true, "none": null, "tags": ["a", "b"],
             "people": [{"id": "usr1", "email": "a@b.c", "name": "Ada"}], "files": [{"id": "att1", "filename": "a.png"}]}
            """);
        var root = document.RootElement;
        Assert.Equal("hi", FormulaValue.FromClr(root.GetProperty("text")).AsString);
        Assert.Equal(3.5, FormulaValue.FromClr(root.GetProperty("number")).AsNumber);
        Assert.True(FormulaValue.FromClr(root.GetProperty("flag")).AsBoolean);
        Assert.True(FormulaValue.FromClr(root.GetProperty("none")).IsBlank);
        Assert.Equal("a, b", FormulaValue.FromClr(root.GetProperty("tags")).ToText());
        Assert.Equal("Ada", FormulaValue.FromClr(root.GetProperty("people")).ToText());
        Assert.Equal("a.png", FormulaValue.FromClr(root.GetProperty("files")).ToText());
    }

    [Theory]
    [InlineData(null, FormulaFieldType.Checkbox, "FALSE")]
    [InlineData(null, FormulaFieldType.Text, "BLANK")]
    [InlineData("2024-03-20", FormulaFieldType.Date, "2024-03-20")]
    [InlineData("2024-03-20T10:00:00.000Z", FormulaFieldType.DateTime, "2024-03-20T10:00:00.000Z")]
    [InlineData(3600, FormulaFieldType.Duration, "duration:3600")]
    [InlineData("not a date", FormulaFieldType.Date, "'not a date'")]
    [InlineData(true, FormulaFieldType.Checkbox, "TRUE")]
    [InlineData(12.5, FormulaFieldType.Number, "12.5")]
    public void CellsConvertAccordingToTheirFieldType(object? cell, FormulaFieldType type, string expected) =>
        Assert.Equal(expected, Show(FormulaCellConverter.FromCell(cell, type)));

    [Fact]
    public void ClrValuesOfEveryCommonTypeConvert()
    {
        Assert.Equal(FormulaValueKind.Number, FormulaValue.FromClr(3).Kind);
        Assert.Equal(FormulaValueKind.Number, FormulaValue.FromClr(3m).Kind);
        Assert.Equal(FormulaValueKind.Date, FormulaValue.FromClr(new DateOnly(2024, 1, 2)).Kind);
        Assert.Equal(FormulaValueKind.Duration, FormulaValue.FromClr(TimeSpan.FromMinutes(2)).Kind);
        Assert.Equal(120, FormulaValue.FromClr(TimeSpan.FromMinutes(2)).AsNumber);
        Assert.Equal("x, 1", FormulaValue.FromClr(new List<object> { "x", 1 }).ToText());
    }

    [Fact]
    public void NumbersAndBooleansAreSmallStructs() =>
        Assert.True(System.Runtime.CompilerServices.Unsafe.SizeOf<FormulaValue>() <= 24);
}
