namespace PyAirtable.Formulas.Values;

public enum FormulaValueKind : byte
{
    Blank,
    Text,
    Number,
    Boolean,
    Date,
    Duration,
    Array,
    Error,
}
