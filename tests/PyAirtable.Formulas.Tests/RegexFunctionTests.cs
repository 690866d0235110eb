using static PyAirtable.Formulas.Tests.TestBase;

namespace PyAirtable.Formulas.Tests;

public sealed class RegexFunctionTests
{
    [Theory]
    [InlineData("REGEX_MATCH('abc123', '[0-9]+')", "TRUE")]
    [InlineData("REGEX_MATCH('abc', '[0-9]')", "FALSE")]
    [InlineData("REGEX_MATCH({Name}, '^Bob')", "TRUE")]
    [InlineData("REGEX_MATCH({Name}, '(?i)^bob')", "TRUE")]
    [InlineData("REGEX_MATCH({Empty}, '.')", "FALSE")]
    [InlineData("REGEX_MATCH('abc', '(')", "#ERROR!")]
    [InlineData("REGEX_MATCH(ERROR(), 'a')", "#ERROR!")]
    [InlineData("REGEX_MATCH(12345, '^\\d{5}$')", "TRUE")]
    [InlineData("REGEX_MATCH('a.b', 'a\\.b')", "TRUE")]
    [InlineData("REGEX_MATCH({Tags}, 'web')", "TRUE")]
    [InlineData("REGEX_MATCH('axb', 'a\\\\.b')", "FALSE")]
    public void RegexMatchTestsForAMatch(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("REGEX_EXTRACT('abc123def', '[0-9]+')", "'123'")]
    [InlineData("REGEX_EXTRACT('abc', '[0-9]+')", "#ERROR!")]
    [InlineData("REGEX_EXTRACT({Name}, '[A-Z]{3}')", "'API'")]
    [InlineData("REGEX_EXTRACT('2024-03-01', '\\d{4}')", "'2024'")]
    [InlineData("REGEX_EXTRACT({Empty}, 'a')", "#ERROR!")]
    [InlineData("REGEX_EXTRACT('abc', '[')", "#ERROR!")]
    [InlineData("REGEX_EXTRACT(ERROR(), 'a')", "#ERROR!")]
    [InlineData("REGEX_EXTRACT('a1b2', '[a-z][0-9]')", "'a1'")]
    [InlineData("REGEX_EXTRACT('Hello World', '(?i)world')", "'World'")]
    [InlineData("REGEX_EXTRACT(123.5, '\\.\\d')", "'.5'")]
    public void RegexExtractReturnsTheFirstMatch(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("REGEX_REPLACE('a1b2', '[0-9]', '#')", "'a#b#'")]
    [InlineData("REGEX_REPLACE('abc', 'x', 'y')", "'abc'")]
    [InlineData("REGEX_REPLACE('John Smith', '(\\w+) (\\w+)', '$2, $1')", "'Smith, John'")]
    [InlineData("REGEX_REPLACE({Notes}, '\\s+', ' ')", "' padded notes '")]
    [InlineData("REGEX_REPLACE({Empty}, 'a', 'b')", "''")]
    [InlineData("REGEX_REPLACE('abc', '(', 'x')", "#ERROR!")]
    [InlineData("REGEX_REPLACE('abc', 'b', ERROR())", "#ERROR!")]
    [InlineData("REGEX_REPLACE('aaa', 'a', '')", "''")]
    [InlineData("REGEX_REPLACE({Amount}, '[^0-9.]', '')", "'1234.50'")]
    [InlineData("REGEX_REPLACE('ABC', '(?i)b', '-')", "'A-C'")]
    public void RegexReplaceReplacesEveryMatch(string formula, string expected) => Assert.Equal(expected, Eval(formula));
}
