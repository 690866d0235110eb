using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Functions;

internal static class RecordFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add("RECORD_ID", 0, 0, static (_, in f) => FormulaValue.Text(f.Record?.Id), foldable: false);
        registry.Add(
            "CREATED_TIME",
            0,
            0,
            static (_, in f) => f.Record is { } record ? FormulaValue.DateTime(record.CreatedTime) : FormulaValue.Blank,
            foldable: false);

        // The optional field arguments would need per-field modification times, which records do not carry;
        // the record's own last modification is the closest answer.
        registry.Add(
            "LAST_MODIFIED_TIME",
            0,
            FunctionRegistry.Variadic,
            static (_, in f) => f.Record is { } record
                ? FormulaValue.DateTime(record.LastModifiedTime ?? record.CreatedTime)
                : FormulaValue.Blank,
            foldable: false,
            propagatesErrors: false);
    }
}
