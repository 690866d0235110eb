namespace PyAirtable.Benchmarks.Auth;

/// <summary>What the trivial endpoint answers: a small JSON object, like <c>/health/live</c>.</summary>
internal sealed record BenchReply(string Status);
