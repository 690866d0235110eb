using PyAirtable.Formulas.Values;

namespace PyAirtable.Formulas.Schema;

/// <summary>A record a compiled formula evaluates against; fields arrive already resolved to descriptors.</summary>
public interface IFormulaRecord
{
    string Id { get; }

    DateTimeOffset CreatedTime { get; }

    DateTimeOffset? LastModifiedTime { get; }

    FormulaValue GetValue(FormulaField field);
}
