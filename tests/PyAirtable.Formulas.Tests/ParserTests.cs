using static PyAirtable.Formulas.Tests.TestBase;

namespace PyAirtable.Formulas.Tests;

public sealed class ParserTests
{
    [Theory]
    [InlineData("{Odd {Name\\}}", "'braced'")]
    [InlineData("Points * 2", "10")]
    [InlineData("{fldAbc123DEF456gh}", "'Bob's API Client'")]
    [InlineData("\"a\\\"b\"", "'a\"b'")]
    [InlineData("'Bob\\'s'", "'Bob's'")]
    [InlineData("'C:\\\\path'", "'C:\\path'")]
    [InlineData("LEN('line\\nbreak')", "10")]
    [InlineData("1.5e2", "150")]
    [InlineData(".5", "0.5")]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("-2 * 3", "-6")]
    [InlineData("2 - -1", "3")]
    [InlineData("1 + 2 & 3", "'33'")]
    [InlineData("1 < 2 = TRUE()", "TRUE")]
    [InlineData("lower('ABC')", "'abc'")]
    [InlineData("If(1, 'y', 'n')", "'y'")]
    [InlineData("IF(\n  {Points} > 3,\n  'big',\n  'small'\n)", "'big'")]
    [InlineData("{Points} /* a comment */ + 1", "6")]
    [InlineData("+5", "5")]
    public void ParsesAirtableSyntax(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("   ", 0, "empty")]
    [InlineData("1 +", 3, "Unexpected end of formula")]
    [InlineData("AND(1, 2", 8, "Expected ')'")]
    [InlineData("'abc", 0, "Unterminated string")]
    [InlineData("{Name", 0, "Unterminated field reference")]
    [InlineData("1 # 2", 2, "Unexpected character '#'")]
    [InlineData("1 2", 2, "Unexpected '2'")]
    [InlineData("IF(1,,2)", 5, "Unexpected ','")]
    [InlineData("{}", 0, "Empty field name")]
    [InlineData("(1 + 2", 6, "Expected ')'")]
    [InlineData("SUM(1 2)", 6, "Expected ')' to close SUM( but found '2'")]
    [InlineData("\u201cDone\u201d", 0, "Unexpected character")]
    [InlineData("1 + )", 4, "Unexpected ')'")]
    public void SyntaxErrorsReportWhatAndWhere(string formula, int position, string message)
    {
        var error = Assert.Throws<FormulaSyntaxException>(() => FormulaCompiler.Compile(formula, TestSchema));
        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"at position {position}", error.Message, StringComparison.Ordinal);
    }
}
