namespace PyAirtable.Silo.Configuration;

/// <summary>The configuration cannot work; the message says what to change.</summary>
public sealed class InvalidSiloConfigurationException : Exception
{
    public InvalidSiloConfigurationException()
    {
    }

    public InvalidSiloConfigurationException(string message)
        : base(message)
    {
    }

    public InvalidSiloConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
