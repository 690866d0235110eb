using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.Mcp.Tools;

/// <summary>The actions of a <see cref="Shapes.RecordChange"/>, and reading the records a write is about to change.</summary>
public static class RecordChanges
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";

    /// <summary>The records with these ids as they are now; a missing one fails as the write itself would.</summary>
    public static async Task<Dictionary<string, RecordData>> ReadAsync(ILocalBaseGrain grain, string table, IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<string, RecordData>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!found.ContainsKey(id))
            {
                found[id] = await grain.GetRecordAsync(table, id, new RecordQuery());
            }
        }

        return found;
    }
}
