using static PyAirtable.Formulas.Tests.TestBase;

namespace PyAirtable.Formulas.Tests;

public sealed class ArrayFunctionTests
{
    [Theory]
    [InlineData("ARRAYCOMPACT({Nested})", "[['a', 'b'], 'c']")]
    [InlineData("ARRAYCOMPACT({Tags})", "['api', 'web', 'api']")]
    [InlineData("ARRAYCOMPACT({Empty})", "[]")]
    [InlineData("ARRAYCOMPACT('x')", "['x']")]
    [InlineData("ARRAYCOMPACT({Scores})", "[1, 2, 3]")]
    [InlineData("ARRAYCOMPACT(ERROR())", "#ERROR!")]
    [InlineData("COUNTALL(ARRAYCOMPACT({Nested}))", "3")]
    [InlineData("ARRAYCOMPACT(FALSE())", "[FALSE]")]
    [InlineData("ARRAYCOMPACT(' ')", "[' ']")]
    [InlineData("ARRAYCOMPACT('')", "[]")]
    public void ArrayCompactDropsBlanksAndEmptyText(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("ARRAYFLATTEN({Nested})", "['a', 'b', '', BLANK, 'c']")]
    [InlineData("ARRAYFLATTEN({Tags})", "['api', 'web', 'api']")]
    [InlineData("ARRAYFLATTEN('x')", "['x']")]
    [InlineData("ARRAYFLATTEN({Scores}, {Tags})", "[1, 2, 3, 'api', 'web', 'api']")]
    [InlineData("ARRAYFLATTEN({Empty})", "[BLANK]")]
    [InlineData("ARRAYFLATTEN(ERROR())", "#ERROR!")]
    [InlineData("ARRAYFLATTEN(1, 2)", "[1, 2]")]
    [InlineData("LEN(ARRAYJOIN(ARRAYFLATTEN({Nested}), ''))", "3")]
    [InlineData("COUNTALL(ARRAYFLATTEN({Nested}))", "5")]
    [InlineData("ARRAYFLATTEN(ARRAYFLATTEN({Nested}))", "['a', 'b', '', BLANK, 'c']")]
    public void ArrayFlattenRemovesNesting(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("ARRAYJOIN({Tags})", "'api, web, api'")]
    [InlineData("ARRAYJOIN({Tags}, '; ')", "'api; web; api'")]
    [InlineData("ARRAYJOIN({Scores}, '')", "'123'")]
    [InlineData("ARRAYJOIN({Empty})", "''")]
    [InlineData("ARRAYJOIN('x', '-')", "'x'")]
    [InlineData("ARRAYJOIN({Nested}, '|')", "'a|b|||c'")]
    [InlineData("ARRAYJOIN(ERROR())", "#ERROR!")]
    [InlineData("ARRAYJOIN({Tags}, 1)", "'api1web1api'")]
    [InlineData("ARRAYJOIN(ARRAYUNIQUE({Tags}))", "'api, web'")]
    [InlineData("ARRAYJOIN({Scores}, ' + ')", "'1 + 2 + 3'")]
    public void ArrayJoinJoinsWithASeparator(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("ARRAYUNIQUE({Tags})", "['api', 'web']")]
    [InlineData("ARRAYUNIQUE({Scores})", "[1, 2, 3]")]
    [InlineData("ARRAYUNIQUE('x')", "['x']")]
    [InlineData("ARRAYUNIQUE({Empty})", "[]")]
    [InlineData("ARRAYUNIQUE(ERROR())", "#ERROR!")]
    [InlineData("ARRAYUNIQUE(ARRAYFLATTEN({Tags}, {Tags}))", "['api', 'web']")]
    [InlineData("COUNTALL(ARRAYUNIQUE({Nested}))", "5")]
    [InlineData("ARRAYUNIQUE(ARRAYFLATTEN(1, '1'))", "[1, '1']")]
    [InlineData("ARRAYUNIQUE(ARRAYFLATTEN(1, 1, 2))", "[1, 2]")]
    [InlineData("LEN(ARRAYJOIN(ARRAYUNIQUE({Tags}), ''))", "6")]
    public void ArrayUniqueKeepsFirstOccurrences(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("ARRAYSLICE({Tags}, 2)", "['web', 'api']")]
    [InlineData("ARRAYSLICE({Tags}, 1, 2)", "['api', 'web']")]
    [InlineData("ARRAYSLICE({Tags}, -2)", "['web', 'api']")]
    [InlineData("ARRAYSLICE({Tags}, 2, 2)", "['web']")]
    [InlineData("ARRAYSLICE({Tags}, 5)", "[]")]
    [InlineData("ARRAYSLICE({Tags}, 1, -2)", "['api', 'web']")]
    [InlineData("ARRAYSLICE({Scores}, 2, 10)", "[2, 3]")]
    [InlineData("ARRAYSLICE({Empty}, 1)", "[]")]
    [InlineData("ARRAYSLICE(ERROR(), 1)", "#ERROR!")]
    [InlineData("ARRAYSLICE({Tags}, 3, 1)", "[]")]
    public void ArraySliceUsesOneBasedInclusivePositions(string formula, string expected) => Assert.Equal(expected, Eval(formula));
}
