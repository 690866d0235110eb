namespace PyAirtable.Formulas;

[Flags]
public enum FormulaCompileOptions
{
    None = 0,

    /// <summary>The formula is a rollup aggregation: the bare name <c>values</c> is the array of looked-up values.</summary>
    Rollup = 1,
}
