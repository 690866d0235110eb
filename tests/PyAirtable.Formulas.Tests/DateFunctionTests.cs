using PyAirtable.Formulas.Values;
using static PyAirtable.Formulas.Tests.TestBase;

namespace PyAirtable.Formulas.Tests;

public sealed class DateFunctionTests
{
    [Theory]
    [InlineData("NOW()", "2024-03-15T10:30:00.000Z")]
    [InlineData("IS_AFTER(NOW(), {Start})", "TRUE")]
    [InlineData("YEAR(NOW())", "2024")]
    [InlineData("DATETIME_FORMAT(NOW(), 'HH:mm')", "'10:30'")]
    [InlineData("DATETIME_DIFF(NOW(), {Start}, 'days')", "14")]
    [InlineData("NOW() > {Start}", "TRUE")]
    [InlineData("NOW() = NOW()", "TRUE")]
    [InlineData("DATETIME_FORMAT(SET_TIMEZONE(NOW(), 'America/New_York'), 'HH:mm')", "'06:30'")]
    [InlineData("HOUR(NOW())", "10")]
    [InlineData("ISERROR(NOW())", "FALSE")]
    public void NowReadsTheInjectedClock(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Fact]
    public void NowFollowsTheClockBetweenEvaluations()
    {
        var clock = new FakeTimeProvider(Now);
        var formula = FormulaCompiler.Compile("NOW()", TestSchema);
        var before = formula.Evaluate(SampleRecord, new FormulaContext(clock)).AsDateTime;
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(before.AddHours(2), formula.Evaluate(SampleRecord, new FormulaContext(clock)).AsDateTime);
    }

    [Theory]
    [InlineData("TODAY()", "2024-03-15")]
    [InlineData("DATESTR(TODAY())", "'2024-03-15'")]
    [InlineData("WEEKDAY(TODAY())", "5")]
    [InlineData("TODAY() = '2024-03-15'", "TRUE")]
    [InlineData("IS_BEFORE(TODAY(), {Due Date})", "TRUE")]
    [InlineData("DATETIME_DIFF({Due Date}, TODAY(), 'days')", "5")]
    [InlineData("DAY(TODAY())", "15")]
    [InlineData("TODAY() < NOW()", "TRUE")]
    [InlineData("HOUR(TODAY())", "0")]
    [InlineData("ISERROR(TODAY())", "FALSE")]
    public void TodayIsTheCurrentDateWithoutTime(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Fact]
    public void TodayUsesTheContextTimeZone()
    {
        var context = new FormulaContext(new FakeTimeProvider(Now.AddHours(13)), TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati"));
        var today = FormulaCompiler.Compile("TODAY()", TestSchema).Evaluate(SampleRecord, context);
        Assert.Equal("2024-03-16", today.ToText());
        Assert.True(today.IsDateOnly);
    }

    [Theory]
    [InlineData("YEAR({Start})", "2024")]
    [InlineData("YEAR('2020-02-29')", "2020")]
    [InlineData("YEAR({Empty})", "#ERROR!")]
    [InlineData("YEAR('nope')", "#ERROR!")]
    [InlineData("YEAR(ERROR())", "#ERROR!")]
    [InlineData("YEAR(DATEADD({Start}, 1, 'year'))", "2025")]
    [InlineData("YEAR('1999-12-31T23:59:59Z')", "1999")]
    [InlineData("YEAR(SET_TIMEZONE('1999-12-31T23:30:00Z', 'Asia/Tokyo'))", "2000")]
    [InlineData("YEAR(5)", "#ERROR!")]
    [InlineData("YEAR({Due Date})", "2024")]
    public void YearReadsTheCalendarYear(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("MONTH({Start})", "3")]
    [InlineData("MONTH('2020-12-01')", "12")]
    [InlineData("MONTH({Empty})", "#ERROR!")]
    [InlineData("MONTH('January 5, 2021')", "1")]
    [InlineData("MONTH(ERROR())", "#ERROR!")]
    [InlineData("MONTH(DATEADD('2024-01-31', 1, 'month'))", "2")]
    [InlineData("MONTH(SET_TIMEZONE('2024-01-31T23:00:00Z', 'Europe/Paris'))", "2")]
    [InlineData("MONTH('x')", "#ERROR!")]
    [InlineData("MONTH({Due Date})", "3")]
    [InlineData("MONTH('2024-07-04T12:00:00Z')", "7")]
    public void MonthReadsTheMonthNumber(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("DAY({Start})", "1")]
    [InlineData("DAY('2024-02-29')", "29")]
    [InlineData("DAY({Empty})", "#ERROR!")]
    [InlineData("DAY({Due Date})", "20")]
    [InlineData("DAY(ERROR())", "#ERROR!")]
    [InlineData("DAY(SET_TIMEZONE('2024-03-01T02:00:00Z', 'America/Los_Angeles'))", "29")]
    [InlineData("DAY(DATEADD({Start}, 10, 'days'))", "11")]
    [InlineData("DAY('3/7/2024')", "7")]
    [InlineData("DAY(1)", "#ERROR!")]
    [InlineData("DAY({End})", "4")]
    public void DayReadsTheDayOfTheMonth(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("HOUR({Start})", "9")]
    [InlineData("HOUR({End})", "17")]
    [InlineData("HOUR({Due Date})", "0")]
    [InlineData("HOUR({Empty})", "#ERROR!")]
    [InlineData("HOUR(SET_TIMEZONE({Start}, 'Asia/Kolkata'))", "14")]
    [InlineData("HOUR('2024-01-01T23:59:00Z')", "23")]
    [InlineData("HOUR(ERROR())", "#ERROR!")]
    [InlineData("HOUR(DATEADD({Start}, 90, 'minutes'))", "10")]
    [InlineData("HOUR('2024-01-01T10:00:00+02:00')", "8")]
    [InlineData("HOUR('nope')", "#ERROR!")]
    public void HourReadsTheHourInTheDatesZone(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("MINUTE({End})", "30")]
    [InlineData("MINUTE({Start})", "0")]
    [InlineData("MINUTE(SET_TIMEZONE({Start}, 'Asia/Kolkata'))", "30")]
    [InlineData("MINUTE({Empty})", "#ERROR!")]
    [InlineData("MINUTE('2024-01-01T10:45:00Z')", "45")]
    [InlineData("MINUTE(ERROR())", "#ERROR!")]
    [InlineData("MINUTE(DATEADD({End}, 45, 'minutes'))", "15")]
    [InlineData("MINUTE({Due Date})", "0")]
    [InlineData("MINUTE('x')", "#ERROR!")]
    [InlineData("MINUTE(NOW())", "30")]
    public void MinuteReadsTheMinute(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("SECOND('2024-01-01T10:45:12Z')", "12")]
    [InlineData("SECOND({Start})", "0")]
    [InlineData("SECOND({Empty})", "#ERROR!")]
    [InlineData("SECOND(DATEADD({Start}, 75, 'seconds'))", "15")]
    [InlineData("SECOND(ERROR())", "#ERROR!")]
    [InlineData("SECOND('2024-01-01T10:45:59.999Z')", "59")]
    [InlineData("SECOND('x')", "#ERROR!")]
    [InlineData("SECOND(NOW())", "0")]
    [InlineData("SECOND({Due Date})", "0")]
    [InlineData("SECOND(DATEADD({Start}, 1.5, 'seconds'))", "1")]
    public void SecondReadsTheSecond(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("WEEKDAY({Start})", "5")]
    [InlineData("WEEKDAY({Start}, 'Monday')", "4")]
    [InlineData("WEEKDAY('2024-03-03')", "0")]
    [InlineData("WEEKDAY('2024-03-03', 'Monday')", "6")]
    [InlineData("WEEKDAY('2024-03-04', 'Monday')", "0")]
    [InlineData("WEEKDAY({Empty})", "#ERROR!")]
    [InlineData("WEEKDAY(ERROR())", "#ERROR!")]
    [InlineData("WEEKDAY('2024-03-09')", "6")]
    [InlineData("WEEKDAY({Due Date})", "3")]
    [InlineData("WEEKDAY('2024-03-03', 'sunday')", "0")]
    public void WeekdayCountsFromSundayAsZero(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("WEEKNUM('2024-01-01')", "1")]
    [InlineData("WEEKNUM('2024-01-07')", "2")]
    [InlineData("WEEKNUM('2024-01-07', 'Monday')", "1")]
    [InlineData("WEEKNUM('2024-12-31')", "53")]
    [InlineData("WEEKNUM({Start})", "9")]
    [InlineData("WEEKNUM({Empty})", "#ERROR!")]
    [InlineData("WEEKNUM(ERROR())", "#ERROR!")]
    [InlineData("WEEKNUM('2023-01-01')", "1")]
    [InlineData("WEEKNUM('2023-01-02', 'Monday')", "2")]
    [InlineData("WEEKNUM('x')", "#ERROR!")]
    public void WeekNumCountsWeeksFromTheOneHoldingJanuaryFirst(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("DATESTR({Start})", "'2024-03-01'")]
    [InlineData("DATESTR({Due Date})", "'2024-03-20'")]
    [InlineData("DATESTR('2024-02-29T23:00:00Z')", "'2024-02-29'")]
    [InlineData("DATESTR(SET_TIMEZONE('2024-02-29T23:00:00Z', 'Europe/Berlin'))", "'2024-03-01'")]
    [InlineData("DATESTR({Empty})", "#ERROR!")]
    [InlineData("DATESTR(ERROR())", "#ERROR!")]
    [InlineData("DATESTR('March 5, 2024')", "'2024-03-05'")]
    [InlineData("DATESTR('x')", "#ERROR!")]
    [InlineData("DATESTR(DATEADD({Start}, 1, 'month'))", "'2024-04-01'")]
    [InlineData("DATESTR(12)", "#ERROR!")]
    public void DateStrFormatsAsIsoDate(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("TIMESTR({Start})", "'09:00:00'")]
    [InlineData("TIMESTR({End})", "'17:30:00'")]
    [InlineData("TIMESTR({Due Date})", "'00:00:00'")]
    [InlineData("TIMESTR(SET_TIMEZONE({Start}, 'America/New_York'))", "'04:00:00'")]
    [InlineData("TIMESTR({Empty})", "#ERROR!")]
    [InlineData("TIMESTR(ERROR())", "#ERROR!")]
    [InlineData("TIMESTR('2024-01-01T01:02:03Z')", "'01:02:03'")]
    [InlineData("TIMESTR('x')", "#ERROR!")]
    [InlineData("TIMESTR(NOW())", "'10:30:00'")]
    [InlineData("TIMESTR(DATEADD({Start}, 30, 'seconds'))", "'09:00:30'")]
    public void TimeStrFormatsTheTimeOfDay(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("DATETIME_FORMAT({Start}, 'YYYY-MM-DD')", "'2024-03-01'")]
    [InlineData("DATETIME_FORMAT({Start}, 'M/D/YYYY h:mm A')", "'3/1/2024 9:00 AM'")]
    [InlineData("DATETIME_FORMAT({End}, 'dddd, MMMM Do YYYY')", "'Monday, March 4th 2024'")]
    [InlineData("DATETIME_FORMAT({Start})", "'2024-03-01T09:00:00+00:00'")]
    [InlineData("DATETIME_FORMAT({End}, 'LL')", "'March 4, 2024'")]
    [InlineData("DATETIME_FORMAT({Start}, '[Week] w, Q')", "'Week 9, 1'")]
    [InlineData("DATETIME_FORMAT(SET_TIMEZONE({Start}, 'Asia/Tokyo'), 'HH:mm Z')", "'18:00 +09:00'")]
    [InlineData("DATETIME_FORMAT({Empty}, 'YYYY')", "#ERROR!")]
    [InlineData("DATETIME_FORMAT('2024-01-05', 'DD MMM YY')", "'05 Jan 24'")]
    [InlineData("DATETIME_FORMAT({End}, 'x')", "'1709573400000'")]
    [InlineData("DATETIME_FORMAT({End}, 'hh:mm a')", "'05:30 pm'")]
    [InlineData("DATETIME_FORMAT({Start}, 'LLLL')", "'Friday, March 1, 2024 9:00 AM'")]
    public void DatetimeFormatUsesMomentTokens(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("DATETIME_PARSE('2024-03-01')", "2024-03-01T00:00:00.000Z")]
    [InlineData("DATETIME_PARSE('2024-03-01T09:15:00Z')", "2024-03-01T09:15:00.000Z")]
    [InlineData("DATETIME_PARSE('5/3/2024', 'D/M/YYYY')", "2024-03-05T00:00:00.000Z")]
    [InlineData("DATETIME_PARSE('March 5 2024 4:30 pm', 'MMMM D YYYY h:mm a')", "2024-03-05T16:30:00.000Z")]
    [InlineData("DATETIME_PARSE('nope')", "#ERROR!")]
    [InlineData("DATETIME_PARSE({Empty})", "#ERROR!")]
    [InlineData("DATETIME_PARSE('1709510400', 'X')", "2024-03-04T00:00:00.000Z")]
    [InlineData("DATETIME_PARSE('2024-03-01 10:00 +0200', 'YYYY-MM-DD HH:mm ZZ')", "2024-03-01T08:00:00.000Z")]
    [InlineData("DATETIME_PARSE('31/02/2024', 'DD/MM/YYYY')", "#ERROR!")]
    [InlineData("DATETIME_PARSE({Start})", "2024-03-01T09:00:00.000Z")]
    [InlineData("DATETIME_PARSE('20240102', 'YYYYMMDD')", "2024-01-02T00:00:00.000Z")]
    public void DatetimeParseReadsTextWithAnOptionalFormat(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("DATEADD({Start}, 1, 'days')", "2024-03-02T09:00:00.000Z")]
    [InlineData("DATEADD({Start}, -1, 'months')", "2024-02-01T09:00:00.000Z")]
    [InlineData("DATEADD('2024-01-31', 1, 'month')", "2024-02-29")]
    [InlineData("DATEADD({Start}, 90, 'minutes')", "2024-03-01T10:30:00.000Z")]
    [InlineData("DATEADD({Start}, 2, 'weeks')", "2024-03-15T09:00:00.000Z")]
    [InlineData("DATEADD({Start}, 1, 'quarter')", "2024-06-01T09:00:00.000Z")]
    [InlineData("DATEADD({Start}, 1, 'years')", "2025-03-01T09:00:00.000Z")]
    [InlineData("DATEADD({Empty}, 1, 'days')", "#ERROR!")]
    [InlineData("DATEADD({Start}, 1, 'fortnight')", "#ERROR!")]
    [InlineData("DATEADD({Start}, 'x', 'days')", "#ERROR!")]
    [InlineData("DATEADD({Due Date}, 3, 'd')", "2024-03-23")]
    [InlineData("DATEADD({Start}, 1.5, 'hours')", "2024-03-01T10:30:00.000Z")]
    public void DateAddMovesByCalendarOrClockUnits(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("DATETIME_FORMAT(SET_TIMEZONE({Start}, 'America/New_York'), 'YYYY-MM-DD HH:mm')", "'2024-03-01 04:00'")]
    [InlineData("DATETIME_FORMAT(SET_TIMEZONE({Start}, 'Asia/Kolkata'), 'HH:mm')", "'14:30'")]
    [InlineData("SET_TIMEZONE({Start}, 'Not/AZone')", "#ERROR!")]
    [InlineData("SET_TIMEZONE({Start}, 'UTC')", "2024-03-01T09:00:00.000Z")]
    [InlineData("SET_TIMEZONE({Empty}, 'UTC')", "#ERROR!")]
    [InlineData("SET_TIMEZONE({Start}, 'Europe/London') = {Start}", "TRUE")]
    [InlineData("HOUR(SET_TIMEZONE({End}, 'Australia/Sydney'))", "4")]
    [InlineData("DATETIME_FORMAT(SET_TIMEZONE('2024-07-01T12:00:00Z', 'America/New_York'), 'Z')", "'-04:00'")]
    [InlineData("DATETIME_FORMAT(SET_TIMEZONE('2024-01-01T12:00:00Z', 'America/New_York'), 'ZZ')", "'-0500'")]
    [InlineData("SET_TIMEZONE(ERROR(), 'UTC')", "#ERROR!")]
    public void SetTimezoneChangesTheWallClockNotTheInstant(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("SET_LOCALE({Start}, 'fr')", "2024-03-01T09:00:00.000Z")]
    [InlineData("DATETIME_FORMAT(SET_LOCALE({Start}, 'en'), 'MMMM')", "'March'")]
    [InlineData("SET_LOCALE({Empty}, 'fr')", "#ERROR!")]
    [InlineData("SET_LOCALE(ERROR(), 'fr')", "#ERROR!")]
    [InlineData("IS_SAME(SET_LOCALE({Start}, 'de'), {Start})", "TRUE")]
    [InlineData("DATETIME_FORMAT(SET_TIMEZONE(SET_LOCALE({Start}, 'fr'), 'Asia/Tokyo'), 'HH')", "'18'")]
    [InlineData("DATETIME_FORMAT(SET_LOCALE(SET_TIMEZONE({Start}, 'Asia/Tokyo'), 'fr'), 'HH')", "'18'")]
    [InlineData("SET_LOCALE('2024-01-01', 'fr')", "2024-01-01")]
    [InlineData("SET_LOCALE('x', 'fr')", "#ERROR!")]
    [InlineData("YEAR(SET_LOCALE({Start}, 'ja'))", "2024")]
    public void SetLocaleKeepsTheInstantAndZone(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Fact]
    public void SetLocaleRecordsTheLocaleOnTheValue() =>
        Assert.Equal("fr", Evaluate("SET_LOCALE({Start}, 'fr')").Locale);

    [Fact]
    public void DateOnlyFieldsStayOnTheirCalendarDayInOtherContextZones()
    {
        var context = new FormulaContext(new FakeTimeProvider(Now), TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));
        var formula = FormulaCompiler.Compile("DATESTR({Due Date}) & ' ' & HOUR({Start})", TestSchema);
        Assert.Equal("2024-03-20 1", formula.Evaluate(SampleRecord, context).ToText());
    }

    [Fact]
    public void DateValuesRoundTripThroughClrConversion()
    {
        var value = FormulaValue.FromClr(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.FromHours(2)));
        Assert.Equal("2024-03-01T07:00:00.000Z", value.ToClrValue());
    }
}
