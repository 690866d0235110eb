namespace PyAirtable.Formulas.Functions;

internal enum DateUnit
{
    Millisecond,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}
