namespace PyAirtable.Formulas;

/// <summary>The formula text is not well formed; the message names the problem and its position.</summary>
public sealed class FormulaSyntaxException : FormulaException
{
    public FormulaSyntaxException()
    {
    }

    public FormulaSyntaxException(string message)
        : base(message)
    {
    }

    public FormulaSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FormulaSyntaxException(string message, int position)
        : base($"{message} at position {position}", position)
    {
    }
}
