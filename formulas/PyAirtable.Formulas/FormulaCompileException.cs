namespace PyAirtable.Formulas;

/// <summary>The formula parses but cannot be bound: unknown fields or functions, or wrong argument counts.</summary>
public sealed class FormulaCompileException : FormulaException
{
    public FormulaCompileException()
    {
    }

    public FormulaCompileException(string message)
        : base(message)
    {
    }

    public FormulaCompileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FormulaCompileException(string message, int position, IReadOnlyList<string>? unknownFieldNames = null)
        : base(message, position)
    {
        UnknownFieldNames = unknownFieldNames ?? [];
    }

    public IReadOnlyList<string> UnknownFieldNames { get; } = [];
}
