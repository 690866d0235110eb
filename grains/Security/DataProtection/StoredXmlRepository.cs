using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using PyAirtable.Runtime.Storage.Rows;

namespace PyAirtable.Grains.Security.DataProtection;

/// <summary>
/// ASP.NET Data Protection's key ring in PyAirtable's own database (SQLite or PostgreSQL), one
/// row per key, so encrypted secrets survive restarts and every silo of a cluster reads the same keys.
/// </summary>
/// <remarks>
/// Data Protection calls this synchronously and rarely (at start and when keys roll); the work
/// runs on the thread pool so a caller's synchronization context, such as a grain's, never waits on itself.
/// </remarks>
public sealed class StoredXmlRepository(IGrainRowStorage rows) : IXmlRepository
{
    private const string Collection = "dataprotection-keys";
    private const int Attempts = 5;
    private static readonly GrainId s_owner = new("dataprotection", "keyring");

    public IReadOnlyCollection<XElement> GetAllElements() =>
        Task.Run(async () => (await rows.ReadAllAsync(Collection, s_owner).ConfigureAwait(false)).Rows
            .Select(row => XElement.Parse(JsonSerializer.Deserialize<StoredKey>(row.Data)!.Xml))
            .ToList()).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var key = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        var data = JsonSerializer.Serialize(new StoredKey(element.ToString(SaveOptions.DisableFormatting)));
        Task.Run(async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = await rows.ReadAllAsync(Collection, s_owner).ConfigureAwait(false);
                try
                {
                    await rows.WriteAsync(Collection, s_owner, new RowBatch(current.Version, [RowChange.Upsert(key, data)])).ConfigureAwait(false);
                    return;
                }
                catch (InconsistentStateException) when (attempt < Attempts)
                {
                    // Another silo stored a key at the same moment; read its version and add ours beside it.
                }
            }
        }).GetAwaiter().GetResult();
    }

    private sealed record StoredKey(string Xml);
}
