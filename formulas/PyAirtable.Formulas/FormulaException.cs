namespace PyAirtable.Formulas;

/// <summary>A formula that cannot be compiled; <see cref="Position"/> is a zero-based character offset, or -1.</summary>
public class FormulaException : Exception
{
    public FormulaException()
    {
    }

    public FormulaException(string message)
        : base(message)
    {
    }

    public FormulaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FormulaException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    public int Position { get; } = -1;
}
