using PyAirtable.Formulas.Schema;
using PyAirtable.Formulas.Values;
using static PyAirtable.Formulas.Tests.TestBase;

namespace PyAirtable.Formulas.Tests;

public sealed class RecordFunctionTests
{
    [Theory]
    [InlineData("RECORD_ID()", "'recTest000000001'")]
    [InlineData("LEN(RECORD_ID())", "16")]
    [InlineData("LEFT(RECORD_ID(), 3)", "'rec'")]
    [InlineData("RECORD_ID() = 'recTest000000001'", "TRUE")]
    [InlineData("RECORD_ID() & '-x'", "'recTest000000001-x'")]
    [InlineData("FIND('Test', RECORD_ID())", "4")]
    [InlineData("ISERROR(RECORD_ID())", "FALSE")]
    [InlineData("IF(RECORD_ID(), 1, 0)", "1")]
    [InlineData("UPPER(RECORD_ID())", "'RECTEST000000001'")]
    [InlineData("record_id()", "'recTest000000001'")]
    public void RecordIdIsTheRecordsId(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("CREATED_TIME()", "2024-01-10T08:00:00.000Z")]
    [InlineData("YEAR(CREATED_TIME())", "2024")]
    [InlineData("IS_BEFORE(CREATED_TIME(), {Start})", "TRUE")]
    [InlineData("DATETIME_DIFF(NOW(), CREATED_TIME(), 'days')", "65")]
    [InlineData("DATESTR(CREATED_TIME())", "'2024-01-10'")]
    [InlineData("HOUR(CREATED_TIME())", "8")]
    [InlineData("CREATED_TIME() < NOW()", "TRUE")]
    [InlineData("DATETIME_FORMAT(CREATED_TIME(), 'MMM D')", "'Jan 10'")]
    [InlineData("ISERROR(CREATED_TIME())", "FALSE")]
    [InlineData("WEEKDAY(CREATED_TIME())", "3")]
    public void CreatedTimeIsWhenTheRecordWasCreated(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Theory]
    [InlineData("LAST_MODIFIED_TIME()", "2024-03-14T12:00:00.000Z")]
    [InlineData("LAST_MODIFIED_TIME({Name})", "2024-03-14T12:00:00.000Z")]
    [InlineData("IS_AFTER(LAST_MODIFIED_TIME(), CREATED_TIME())", "TRUE")]
    [InlineData("DATESTR(LAST_MODIFIED_TIME())", "'2024-03-14'")]
    [InlineData("DATETIME_DIFF(NOW(), LAST_MODIFIED_TIME(), 'hours')", "22")]
    [InlineData("HOUR(LAST_MODIFIED_TIME())", "12")]
    [InlineData("DAY(LAST_MODIFIED_TIME())", "14")]
    [InlineData("LAST_MODIFIED_TIME({Name}, {Status})", "2024-03-14T12:00:00.000Z")]
    [InlineData("ISERROR(LAST_MODIFIED_TIME())", "FALSE")]
    [InlineData("LAST_MODIFIED_TIME() > {Start}", "TRUE")]
    public void LastModifiedTimeIsWhenTheRecordLastChanged(string formula, string expected) => Assert.Equal(expected, Eval(formula));

    [Fact]
    public void LastModifiedTimeFallsBackToCreatedTimeForUntouchedRecords()
    {
        var created = new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var record = new FormulaRecord("recFresh", created, []);
        var value = FormulaCompiler.Compile("LAST_MODIFIED_TIME()", TestSchema).Evaluate(record, Context);
        Assert.Equal(created, value.AsDateTime);
    }

    [Fact]
    public void MissingFieldValuesReadAsBlank()
    {
        var record = new FormulaRecord("recSparse", Now, [FormulaValue.Text("only name")]);
        Assert.True(FormulaCompiler.Compile("{Points}", TestSchema).Evaluate(record, Context).IsBlank);
    }
}
