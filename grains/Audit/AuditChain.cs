using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PyAirtable.GrainInterfaces.Audit;

namespace PyAirtable.Grains.Audit;

/// <summary>The hash chain, pure: each entry's hash covers its sequence, its event and the previous entry's hash.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly JsonSerializerOptions s_canonical = new(JsonSerializerDefaults.Web);

    public static string HashOf(long sequence, AuditEvent auditEvent, string previousHash)
    {
        var payload = previousHash + "\n" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + JsonSerializer.Serialize(auditEvent, s_canonical);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
    }

    public static AuditEntry Append(long sequence, AuditEvent auditEvent, string previousHash) =>
        new(sequence, auditEvent, previousHash, HashOf(sequence, auditEvent, previousHash));

    /// <summary>Walks entries in order from the genesis; the first entry out of place, re-linked or altered fails the chain.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var previous = Genesis;
        long expected = 1;
        foreach (var entry in entries)
        {
            var reason = entry.Sequence != expected ? $"expected entry {expected} but found {entry.Sequence} (missing or reordered)"
                : entry.PreviousHash != previous ? "does not link to the previous entry"
                : entry.Hash != HashOf(entry.Sequence, entry.Event, previous) ? "its content does not match its hash"
                : null;
            if (reason is not null)
            {
                return new AuditVerification(false, expected - 1, expected, $"Entry {expected} {reason}.");
            }

            previous = entry.Hash;
            expected++;
        }

        return new AuditVerification(true, expected - 1, null, null);
    }
}
