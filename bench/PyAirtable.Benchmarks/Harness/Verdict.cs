using System.Globalization;

namespace PyAirtable.Benchmarks.Harness;

/// <summary>Whether a figure meets its target, and by how much it misses.</summary>
internal static class Verdict
{
    public static string AtLeast(double value, double target) => value >= target
        ? "met"
        : string.Create(CultureInfo.InvariantCulture, $"**not met** ({((value / target) - 1) * 100:0.#} % vs target)");

    public static string AtMost(double value, double target) => value <= target
        ? "met"
        : string.Create(CultureInfo.InvariantCulture, $"**not met** ({value / target:0.0}× the target)");

    public static string Both(string first, string second) => first == "met" && second == "met"
        ? "met"
        : string.Join("; ", new[] { first, second }.Where(v => v != "met"));
}
