using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Schema;

/// <summary>A record backed by an array indexed by <see cref="FormulaField.Ordinal"/>.</summary>
public sealed class FormulaRecord(
    string id,
    DateTimeOffset createdTime,
    IReadOnlyList<FormulaValue> values,
    DateTimeOffset? lastModifiedTime = null) : IFormulaRecord
{
    public string Id => id;

    public DateTimeOffset CreatedTime => createdTime;

    public DateTimeOffset? LastModifiedTime => lastModifiedTime;

    public FormulaValue GetValue(FormulaField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return (uint)field.Ordinal < (uint)values.Count ? values[field.Ordinal] : FormulaValue.Blank;
    }
}
