namespace PyAirtable.Formulas.Values;

public enum FormulaErrorKind
{
    /// <summary>Airtable's generic <c>#ERROR!</c>.</summary>
    Error,

    /// <summary>A numeric result that is not a number, shown by Airtable as <c>NaN</c>.</summary>
    NaN,

    /// <summary>Division by zero; Airtable shows it as <c>#ERROR!</c>, the kind keeps the cause.</summary>
    DivisionByZero,
}
