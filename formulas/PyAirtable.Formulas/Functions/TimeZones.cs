using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace PyAirtable.Formulas.Functions;

/// <summary>IANA zone lookup; misses are remembered too, since a bad zone name repeats on every record.</summary>
internal static class TimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> _zones = new(StringComparer.OrdinalIgnoreCase);

    public static bool TryFind(string name, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = _zones.GetOrAdd(name.Trim(), static id =>
        {
            if (_zones.Count > 1024)
            {
                _zones.Clear();
            }
            return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : null;
        });
        return zone is not null;
    }
}
