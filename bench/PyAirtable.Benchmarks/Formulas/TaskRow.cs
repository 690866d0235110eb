namespace PyAirtable.Benchmarks.Formulas;

/// <summary>A record's raw values as plain CLR fields, the same values the formula records hold.</summary>
internal sealed record TaskRow(string Name, string Status, double Points);
