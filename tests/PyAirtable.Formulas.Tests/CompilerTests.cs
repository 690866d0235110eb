using PyAirtable.Formulas.Schema;
using PyAirtable.Formulas.Values;
using static PyAirtable.Formulas.Tests.TestBase;

namespace PyAirtable.Formulas.Tests;

public sealed class CompilerTests
{
    [Fact]
    public void UnknownFieldsAreAllNamedInOneError()
    {
        var error = Assert.Throws<FormulaCompileException>(() => FormulaCompiler.Compile("{Nope} & Other & {Name} & {Nope}", TestSchema));
        Assert.Equal("Unknown field names: Nope, Other", error.Message);
        Assert.Equal(["Nope", "Other"], error.UnknownFieldNames);
    }

    [Fact]
    public void UnknownFunctionsAreRejectedWithTheirPosition()
    {
        var error = Assert.Throws<FormulaCompileException>(() => FormulaCompiler.Compile("1 + FOO(1)", TestSchema));
        Assert.Contains("FOO", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.Position);
    }

    [Theory]
    [InlineData("IF(1)", "IF expects 2 to 3 arguments but got 1")]
    [InlineData("NOW(1)", "NOW expects 0 argument(s) but got 1")]
    [InlineData("SUM()", "SUM expects at least 1 argument(s) but got 0")]
    public void WrongArgumentCountsAreCompileErrors(string formula, string message)
    {
        var error = Assert.Throws<FormulaCompileException>(() => FormulaCompiler.Compile(formula, TestSchema));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompileReportsErrorsWithoutThrowing()
    {
        Assert.False(FormulaCompiler.TryCompile("AND(", TestSchema, out var formula, out var error));
        Assert.Null(formula);
        Assert.IsType<FormulaSyntaxException>(error);
        Assert.True(FormulaCompiler.TryCompile("{Points} > 1", TestSchema, out formula, out error));
        Assert.Null(error);
        Assert.True(formula.Matches(SampleRecord, Context));
    }

    [Fact]
    public void CompilingTheSameTextTwiceReusesTheCompiledFormula() =>
        Assert.Same(FormulaCompiler.Compile("{Points} * 3", TestSchema), FormulaCompiler.Compile("{Points} * 3", TestSchema));

    [Fact]
    public void EachSchemaGetsItsOwnBinding()
    {
        var other = FormulaSchema.Create(("fldOther000000001", "Points", FormulaFieldType.Number));
        var first = FormulaCompiler.Compile("{Points} * 3", TestSchema);
        var second = FormulaCompiler.Compile("{Points} * 3", other);
        Assert.NotSame(first, second);
        Assert.Equal("fldOther000000001", second.ReferencedFields.Single().Id);
    }

    [Fact]
    public void ReferencedFieldsListEachFieldOnceInOrderOfUse()
    {
        var formula = FormulaCompiler.Compile("IF({Points} > 1, {Name} & {fldPoints00000001}, Status)", TestSchema);
        Assert.Equal(["Points", "Name", "Status"], formula.ReferencedFields.Select(field => field.Name));
    }

    [Fact]
    public void FieldNamesTakePrecedenceOverBareTrueAndFalse()
    {
        var schema = FormulaSchema.Create(("fldTrue0000000001", "TRUE", FormulaFieldType.Text));
        var record = new FormulaRecord("rec1", Now, [FormulaValue.Text("field")]);
        Assert.Equal("field", FormulaCompiler.Compile("TRUE", schema).Evaluate(record).ToText());
    }

    [Fact]
    public void CompiledFormulasEvaluateSafelyFromManyThreads()
    {
        var results = new bool[2000];
        Parallel.For(0, results.Length, i =>
        {
            var formula = FormulaCompiler.Compile($"AND({{Status}}='Done', {{Points}} > {i % 7})", TestSchema);
            results[i] = formula.Matches(SampleRecord, Context) == (5 > i % 7);
        });
        Assert.All(results, Assert.True);
    }

    [Fact]
    public void ConstantSubexpressionsAreFoldedAtCompileTime()
    {
        var formula = FormulaCompiler.Compile("IF(LOWER('DONE') = 'done', {Points} * POWER(2, 3), 0)", TestSchema);
        Assert.Equal(40, formula.Evaluate(SampleRecord, Context).AsNumber);
    }

    [Fact]
    public void TheCompiledFilterSelectsExactlyTheRecordsAHandWrittenPredicateSelects()
    {
        var records = Enumerable.Range(0, 10_000).Select(i => new FormulaRecord(
            $"rec{i}",
            Now,
            [
                FormulaValue.Text(i % 3 == 0 ? "The API client" : "Other"),
                FormulaValue.Text(i % 2 == 0 ? "Done" : "Open"),
                FormulaValue.Number(i % 10),
            ])).ToArray();
        var formula = FormulaCompiler.Compile("AND({Status}='Done', {Points} > 3, FIND('api', LOWER({Name})))", TestSchema);
        static bool Predicate(FormulaRecord record)
        {
            var status = record.GetValue(TestSchema.Fields[1]);
            var points = record.GetValue(TestSchema.Fields[2]);
            var name = record.GetValue(TestSchema.Fields[0]);
            return status.AsString == "Done" && points.AsNumber > 3
                && name.ToText().ToLowerInvariant().Contains("api", StringComparison.Ordinal);
        }

        var expected = records.Count(Predicate);
        Assert.Equal(expected, records.Count(record => formula.Matches(record, Context)));
    }
}
