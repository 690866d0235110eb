using static PyAirtable.Formulas.Tests.TestBase;

namespace PyAirtable.Formulas.Tests;

public sealed class DateDifferenceFunctionTests
{
    [Theory]
    [InlineData("DATETIME_DIFF({End}, {Start}, 'days')", "3")]
    [InlineData("DATETIME_DIFF({End}, {Start}, 'hours')", "80")]
    [InlineData("DATETIME_DIFF({Start}, {End}, 'days')", "-3")]
    [InlineData("DATETIME_DIFF({End}, {Start})", "289800")]
    [InlineData("DATETIME_DIFF('2024-03-31', '2024-01-31', 'months')", "2")]
    [InlineData("DATETIME_DIFF('2025-03-01', '2024-03-01', 'years')", "1")]
    [InlineData("DATETIME_DIFF({End}, {Start}, 'minutes')", "4830")]
    [InlineData("DATETIME_DIFF({Empty}, {Start}, 'days')", "#ERROR!")]
    [InlineData("DATETIME_DIFF({End}, {Start}, 'eons')", "#ERROR!")]
    [InlineData("DATETIME_DIFF('2024-02-29', '2024-01-31', 'M')", "1")]
    [InlineData("DATETIME_DIFF('2024-12-31', '2024-01-01', 'quarters')", "3")]
    [InlineData("DATETIME_DIFF({End}, {Start}, 'w')", "0")]
    public void DatetimeDiffTruncatesTowardZero(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("TONOW({Start})", "14")]
    [InlineData("TONOW({Due Date})", "4")]
    [InlineData("TONOW('2024-03-25T10:30:00Z')", "10")]
    [InlineData("TONOW({Empty})", "#ERROR!")]
    [InlineData("TONOW(ERROR())", "#ERROR!")]
    [InlineData("TONOW(NOW())", "0")]
    [InlineData("TONOW('x')", "#ERROR!")]
    [InlineData("TONOW('2023-03-15T10:30:00Z')", "366")]
    [InlineData("TONOW(DATEADD(NOW(), -3, 'days'))", "3")]
    [InlineData("TONOW(CREATED_TIME())", "65")]
    public void ToNowCountsWholeDaysBetweenNowAndTheDate(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("FROMNOW({Start})", "14")]
    [InlineData("FROMNOW({Due Date})", "4")]
    [InlineData("FROMNOW('2024-03-25T10:30:00Z')", "10")]
    [InlineData("FROMNOW({Empty})", "#ERROR!")]
    [InlineData("FROMNOW(ERROR())", "#ERROR!")]
    [InlineData("FROMNOW(NOW())", "0")]
    [InlineData("FROMNOW('x')", "#ERROR!")]
    [InlineData("FROMNOW('2023-03-15T10:30:00Z')", "366")]
    [InlineData("FROMNOW(DATEADD(NOW(), 3, 'days'))", "3")]
    [InlineData("FROMNOW(DATEADD(NOW(), 36, 'hours'))", "1")]
    public void FromNowCountsWholeDaysBetweenNowAndTheDate(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("IS_AFTER({End}, {Start})", "TRUE")]
    [InlineData("IS_AFTER({Start}, {End})", "FALSE")]
    [InlineData("IS_AFTER({Start}, {Start})", "FALSE")]
    [InlineData("IS_AFTER({Due Date}, '2024-03-19')", "TRUE")]
    [InlineData("IS_AFTER('2024-01-01', '2023-12-31T23:59:59Z')", "TRUE")]
    [InlineData("IS_AFTER({Empty}, {Start})", "#ERROR!")]
    [InlineData("IS_AFTER({Start}, 'x')", "#ERROR!")]
    [InlineData("IS_AFTER(NOW(), {Start})", "TRUE")]
    [InlineData("IS_AFTER(ERROR(), {Start})", "#ERROR!")]
    [InlineData("IS_AFTER(DATEADD({Start}, 1, 'ms'), {Start})", "TRUE")]
    public void IsAfterComparesInstants(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("IS_BEFORE({Start}, {End})", "TRUE")]
    [InlineData("IS_BEFORE({End}, {Start})", "FALSE")]
    [InlineData("IS_BEFORE({Start}, {Start})", "FALSE")]
    [InlineData("IS_BEFORE({Due Date}, '2024-03-21')", "TRUE")]
    [InlineData("IS_BEFORE('2023-12-31T23:59:59Z', '2024-01-01')", "TRUE")]
    [InlineData("IS_BEFORE({Empty}, {Start})", "#ERROR!")]
    [InlineData("IS_BEFORE({Start}, 'x')", "#ERROR!")]
    [InlineData("IS_BEFORE({Start}, NOW())", "TRUE")]
    [InlineData("IS_BEFORE(ERROR(), {Start})", "#ERROR!")]
    [InlineData("IS_BEFORE(DATEADD({Start}, -1, 'ms'), {Start})", "TRUE")]
    public void IsBeforeComparesInstants(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("IS_SAME({Start}, {Start})", "TRUE")]
    [InlineData("IS_SAME({Start}, {End})", "FALSE")]
    [InlineData("IS_SAME({Start}, {End}, 'month')", "TRUE")]
    [InlineData("IS_SAME({Start}, {End}, 'day')", "FALSE")]
    [InlineData("IS_SAME({Start}, {End}, 'week')", "FALSE")]
    [InlineData("IS_SAME({Start}, '2024-03-01', 'day')", "TRUE")]
    [InlineData("IS_SAME({Start}, '2024-12-31', 'year')", "TRUE")]
    [InlineData("IS_SAME({Start}, {Empty})", "#ERROR!")]
    [InlineData("IS_SAME({Start}, {End}, 'bogus')", "#ERROR!")]
    [InlineData("IS_SAME({Start}, '2024-03-01T09:00:00Z')", "TRUE")]
    [InlineData("IS_SAME({End}, '2024-03-04T17:59:00Z', 'hour')", "TRUE")]
    public void IsSameComparesAtTheGivenUnit(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("WORKDAY({Start}, 1)", "2024-03-04")]
    [InlineData("WORKDAY({Start}, 5)", "2024-03-08")]
    [InlineData("WORKDAY({Start}, 0)", "2024-03-01")]
    [InlineData("WORKDAY({Start}, -1)", "2024-02-29")]
    [InlineData("WORKDAY({Start}, 1, '2024-03-04')", "2024-03-05")]
    [InlineData("WORKDAY({Start}, 2, '2024-03-04, 2024-03-05')", "2024-03-07")]
    [InlineData("WORKDAY({Empty}, 1)", "#ERROR!")]
    [InlineData("WORKDAY({Start}, 1, 'nope')", "#ERROR!")]
    [InlineData("WORKDAY('2024-03-02', 1)", "2024-03-04")]
    [InlineData("WORKDAY({Start}, 10)", "2024-03-15")]
    public void WorkdaySkipsWeekendsAndHolidays(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("WORKDAY_DIFF({Start}, {End})", "2")]
    [InlineData("WORKDAY_DIFF({End}, {Start})", "-2")]
    [InlineData("WORKDAY_DIFF('2024-03-04', '2024-03-08')", "5")]
    [InlineData("WORKDAY_DIFF('2024-03-04', '2024-03-08', '2024-03-06')", "4")]
    [InlineData("WORKDAY_DIFF('2024-03-02', '2024-03-03')", "0")]
    [InlineData("WORKDAY_DIFF({Start}, {Start})", "1")]
    [InlineData("WORKDAY_DIFF({Empty}, {Start})", "#ERROR!")]
    [InlineData("WORKDAY_DIFF('2024-03-01', '2024-03-31')", "21")]
    [InlineData("WORKDAY_DIFF('2024-03-04', '2024-03-08', 'bad')", "#ERROR!")]
    [InlineData("WORKDAY_DIFF('2024-03-04', '2024-03-15', '2024-03-05, 2024-03-12')", "8")]
    public void WorkdayDiffCountsWorkingDaysInclusively(string formula, string expected) => Assert.Equal(expected, Eval(formula));
}
