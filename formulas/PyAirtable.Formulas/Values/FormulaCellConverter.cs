using PyAirtable.Formulas.Schema;

namespace PyAirtable.Formulas.Values;

/// <summary>Turns API cell values into formula values using the field type, so ISO strings in date fields become dates.</summary>
public static class FormulaCellConverter
{
    public static FormulaValue FromCell(object? value, FormulaFieldType type)
    {
        if (value is null)
        {
            // An unchecked checkbox is absent from API payloads but is false, not blank, in formulas.
            return type == FormulaFieldType.Checkbox ? FormulaValue.False : FormulaValue.Blank;
        }
        return type switch
        {
            FormulaFieldType.Date or FormulaFieldType.DateTime when value is string text =>
                DateParsing.TryParse(text, out var ticks, out var dateOnly)
                    ? FormulaValue.DateTime(ticks, dateOnly || type == FormulaFieldType.Date, null)
                    : FormulaValue.Text(text),
            FormulaFieldType.Duration when value is double or int or long or decimal or float =>
                FormulaValue.DurationSeconds(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
            FormulaFieldType.Date when value is DateTimeOffset moment =>
                FormulaValue.Date(DateOnly.FromDateTime(moment.UtcDateTime)),
            _ => FormulaValue.FromClr(value),
        };
    }
}
