using static PyAirtable.Formulas.Tests.TestBase;

namespace PyAirtable.Formulas.Tests;

/// <summary>Formulas as real clients send them in filterByFormula.</summary>
public sealed class ClientDialectTests
{
    [Theory]
    [InlineData("AND({Name}='Bob\\'s API Client', {Done}=TRUE())", true)]
    [InlineData("AND({Name}='Bob\\'s API Client',{Points}=5)", true)]
    [InlineData("{Status}='Done'", true)]
    [InlineData("{Status}='Open'", false)]
    [InlineData("AND({Points}>=5, {Points}<10)", true)]
    [InlineData("IS_SAME({Due Date}, DATETIME_PARSE('2024-03-20'), 'day')", true)]
    [InlineData("{Due Date}>=DATETIME_PARSE('2024-03-01')", true)]
    [InlineData("OR({Status}='Open', {Status}='Done')", true)]
    [InlineData("NOT({Name}='x')", true)]
    [InlineData("{Done}=1", true)]
    [InlineData("{Unchecked}=TRUE()", false)]
    [InlineData("AND({Name}!='', FIND('api', {Tags}))", true)]
    [InlineData("{Notes}='C:\\\\temp'", false)]
    public void PyAirtableFormulasFilterAsAirtableWould(string formula, bool passes) =>
        Assert.Equal(passes, FormulaCompiler.Compile(formula, TestSchema).Matches(SampleRecord, Context));

    [Theory]
    [InlineData("OR(FIND(\"API\", {fldAbc123DEF456gh}), FIND(\"API\", {fldXyz}))", true)]
    [InlineData("OR(FIND(\"notes\", {fldAbc123DEF456gh}), FIND(\"notes\", {fldXyz}))", true)]
    [InlineData("OR(FIND(\"absent\", {fldAbc123DEF456gh}), FIND(\"absent\", {fldXyz}))", false)]
    [InlineData("OR(SEARCH(LOWER(\"api\"), LOWER({fldAbc123DEF456gh})), SEARCH(LOWER(\"api\"), LOWER({fldXyz})))", true)]
    [InlineData("FIND(\"api\", {fldAbc123DEF456gh})", false)]
    public void AirtableMcpServerSearchFormulasResolveFieldIds(string formula, bool passes) =>
        Assert.Equal(passes, FormulaCompiler.Compile(formula, TestSchema).Matches(SampleRecord, Context));
}
