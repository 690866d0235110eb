using PyAirtable.Formulas.Schema;
using PyAirtable.Formulas.Values;

namespace PyAirtable.Benchmarks.Formulas;

/// <summary>
/// The filter written by hand over the same records, read the way the formula reads them
/// (<see cref="IFormulaRecord.GetValue"/> per field), doing the same work: ordinal equality,
/// a number comparison, and a substring search in the lower-cased name (<c>ToLowerInvariant</c>,
/// as LOWER does), in the same order with the same short-circuit as AND.
/// </summary>
internal readonly struct HandWrittenFilter(FormulaField name, FormulaField status, FormulaField points) : IRecordFilter<IFormulaRecord>
{
    public bool Matches(IFormulaRecord record)
    {
        if (!string.Equals(record.GetValue(status).AsString, "Done", StringComparison.Ordinal))
        {
            return false;
        }

        var value = record.GetValue(points);
        if (value.Kind != FormulaValueKind.Number || !(value.AsNumber > 3))
        {
            return false;
        }

        return (record.GetValue(name).AsString ?? "").ToLowerInvariant().Contains("api", StringComparison.Ordinal);
    }
}
