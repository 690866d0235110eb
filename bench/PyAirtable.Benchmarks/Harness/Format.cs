using System.Globalization;

namespace PyAirtable.Benchmarks.Harness;

/// <summary>How figures are written in the results table.</summary>
internal static class Format
{
    public static string Rate(double perSecond) => perSecond switch
    {
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1_000_000:0.00} M/s"),
        >= 10_000 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1_000:0} k/s"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1_000:0.0} k/s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{perSecond:0} /s"),
    };

    public static string Duration(TimeSpan duration) => Nanoseconds(duration.Ticks * 100.0);

    public static string Nanoseconds(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:0} ns"),
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000:0.00} µs"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000:0} µs"),
        < 100_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000_000:0.##} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000_000:0} ms"),
    };

    public static string Bytes(double bytes) => bytes switch
    {
        >= 10 * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):0} MB"),
        >= 10 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B"),
    };

    public static string Ratio(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}×");

    public static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.0} %");
}
