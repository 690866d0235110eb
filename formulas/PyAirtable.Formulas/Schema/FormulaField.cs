namespace PyAirtable.Formulas.Schema;

/// <summary>A field as a compiled formula sees it; <paramref name="Ordinal"/> lets records answer with an array index.</summary>
public sealed record FormulaField(string Id, string Name, FormulaFieldType Type, int Ordinal);
