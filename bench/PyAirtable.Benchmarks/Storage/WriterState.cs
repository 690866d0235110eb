namespace PyAirtable.Benchmarks.Storage;

/// <summary>The state written by the write benchmark and by its raw ADO.NET baseline: the same record, so the same JSON.</summary>
public sealed record WriterState(int Value, string Name, DateTimeOffset UpdatedAt)
{
    private static readonly DateTimeOffset s_fixedTime = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static WriterState For(int value) => new(value, "a record of about one hundred bytes of JSON", s_fixedTime);
}
