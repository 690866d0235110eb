using System.Diagnostics.CodeAnalysis;

namespace PyAirtable.Formulas.Schema;

/// <summary>Resolves <c>{Field Name}</c> and <c>{fldXXXXXXXXXXXXXX}</c> references once, at compile time.</summary>
public interface IFormulaSchema
{
    bool TryGetField(string nameOrId, [NotNullWhen(true)] out FormulaField? field);
}
