using PyAirtable.Formulas.Values;
using static PyAirtable.Formulas.Tests.TestBase;

namespace PyAirtable.Formulas.Tests;

public sealed class RollupTests
{
    private static readonly FormulaValue[] _values =
        [FormulaValue.Number(4), FormulaValue.Number(1), FormulaValue.Blank, FormulaValue.Number(4)];

    [Theory]
    [InlineData("SUM(values)", "9")]
    [InlineData("MAX(values)", "4")]
    [InlineData("MIN(values)", "1")]
    [InlineData("AVERAGE(values)", "3")]
    [InlineData("COUNT(values)", "3")]
    [InlineData("COUNTA(values)", "3")]
    [InlineData("COUNTALL(values)", "4")]
    [InlineData("ARRAYJOIN(values, '-')", "'4-1--4'")]
    [InlineData("ARRAYUNIQUE(values)", "[4, 1, BLANK]")]
    [InlineData("ARRAYCOMPACT(values)", "[4, 1, 4]")]
    [InlineData("AND(values)", "FALSE")]
    [InlineData("OR(values)", "TRUE")]
    [InlineData("SUM(values) * {Points}", "45")]
    public void RollupFormulasSeeTheLookedUpValues(string formula, string expected)
    {
        var compiled = FormulaCompiler.Compile(formula, TestSchema, FormulaCompileOptions.Rollup);
        Assert.Equal(expected, Show(compiled.EvaluateRollup(_values, SampleRecord, Context)));
    }

    [Fact]
    public void ValuesIsAnUnknownFieldOutsideRollups()
    {
        var error = Assert.Throws<FormulaCompileException>(() => FormulaCompiler.Compile("SUM(values)", TestSchema));
        Assert.Equal("Unknown field names: values", error.Message);
    }
}
