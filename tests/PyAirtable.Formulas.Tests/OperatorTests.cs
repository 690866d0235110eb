using static PyAirtable.Formulas.Tests.TestBase;

namespace PyAirtable.Formulas.Tests;

public sealed class OperatorTests
{
    [Theory]
    [InlineData("1 = 1", "TRUE")]
    [InlineData("'a' = 'A'", "FALSE")]
    [InlineData("{Empty} = ''", "TRUE")]
    [InlineData("{Empty} = 0", "TRUE")]
    [InlineData("{Points} = '5'", "TRUE")]
    [InlineData("{Due Date} = '2024-03-20'", "TRUE")]
    [InlineData("{Tags} = 'api, web, api'", "TRUE")]
    [InlineData("{Scores} = 1", "FALSE")]
    [InlineData("ERROR() = 1", "#ERROR!")]
    [InlineData("{Done} = 1", "TRUE")]
    [InlineData("{Start} = {Start}", "TRUE")]
    [InlineData("'abc' != 'abd'", "TRUE")]
    [InlineData("1 <> 2", "TRUE")]
    [InlineData("1 == 1", "TRUE")]
    public void EqualityCoercesLikeAirtable(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("2 > 1", "TRUE")]
    [InlineData("'b' > 'a'", "TRUE")]
    [InlineData("{Points} >= 5", "TRUE")]
    [InlineData("{End} > {Start}", "TRUE")]
    [InlineData("{Start} < '2024-03-02'", "TRUE")]
    [InlineData("{Empty} < 1", "TRUE")]
    [InlineData("'abc' > 1", "FALSE")]
    [InlineData("{Start} > 5", "FALSE")]
    [InlineData("ERROR() > 1", "#ERROR!")]
    [InlineData("TRUE() > FALSE()", "TRUE")]
    [InlineData("'10' < '9'", "TRUE")]
    [InlineData("{Points} <= 4", "FALSE")]
    public void ComparisonsOrderNumbersTextAndDates(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("1 + 2", "3")]
    [InlineData("'3' + 4", "7")]
    [InlineData("'a' + 1", "NaN")]
    [InlineData("{Empty} + 1", "1")]
    [InlineData("1 / 0", "#DIV/0")]
    [InlineData("0 / 0", "#DIV/0")]
    [InlineData("{End} - {Start}", "duration:289800")]
    [InlineData("{Start} + 3600", "2024-03-01T10:00:00.000Z")]
    [InlineData("({End} - {Start}) / 3600", "80.5")]
    [InlineData("-{Points}", "-5")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("2 * 3 + 4 / 2", "8")]
    [InlineData("'a' & 1 & TRUE()", "'a11'")]
    [InlineData("{Points} & ''", "'5'")]
    [InlineData("{Points} / {Zero}", "#DIV/0")]
    public void ArithmeticCoercesTextAndSubtractsDates(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("0", false)]
    [InlineData("FALSE()", false)]
    [InlineData("''", false)]
    [InlineData("SQRT(-1)", false)]
    [InlineData("ARRAYCOMPACT('')", false)]
    [InlineData("ERROR()", false)]
    [InlineData("{Empty}", false)]
    [InlineData("1", true)]
    [InlineData("'0'", true)]
    [InlineData("{Start}", true)]
    [InlineData("{Tags}", true)]
    [InlineData("-1", true)]
    public void RecordsPassFiltersUnlessTheResultIsFalsy(string formula, bool passes) =>
        Assert.Equal(passes, FormulaCompiler.Compile(formula, TestSchema).Matches(SampleRecord, Context));
}
