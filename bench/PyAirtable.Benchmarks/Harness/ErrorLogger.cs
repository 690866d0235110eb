using BenchmarkDotNet.Loggers;

namespace PyAirtable.Benchmarks.Harness;

/// <summary>Passes BenchmarkDotNet's errors to standard error and drops the rest; the figures come from its summary.</summary>
internal sealed class ErrorLogger : ILogger
{
    public string Id => nameof(ErrorLogger);

    public int Priority => 0;

    public void Write(LogKind logKind, string text)
    {
        if (logKind == LogKind.Error)
        {
            Console.Error.Write(text);
        }
    }

    public void WriteLine()
    {
    }

    public void WriteLine(LogKind logKind, string text)
    {
        if (logKind == LogKind.Error)
        {
            Console.Error.WriteLine(text);
        }
    }

    public void Flush() => Console.Error.Flush();
}
