using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.Grains.LocalBases;

namespace PyAirtable.Grains.Tests;

/// <summary>A write context without a base: choices, linked records and collaborators held in lists a test can read.</summary>
public sealed class FakeWriteContext(bool typecast) : ICellWriteContext
{
    private readonly Dictionary<string, FieldSchema> _fields = new(StringComparer.Ordinal);

    public bool Typecast => typecast;

    /// <summary>Linked records by id: table id and primary value.</summary>
    public Dictionary<string, (string TableId, string Primary)> Records { get; } = new(StringComparer.Ordinal);

    public List<string> CreatedByPrimary { get; } = [];

    public List<Collaborator> Collaborators { get; } = [];

    public FieldSchema CurrentField(TableModel table, FieldSchema field) => _fields.GetValueOrDefault(field.Id) ?? field;

    public FieldSchema AddChoice(TableModel table, FieldSchema field, string name)
    {
        var updated = SchemaRules.WithChoice(CurrentField(table, field), name);
        _fields[field.Id] = updated;
        return updated;
    }

    public IReadOnlyList<string> ChoicesOf(FieldSchema field) => (CurrentField(null!, field).Options?.Choices ?? []).Select(c => c.Name).ToList();

    public bool RecordExists(string tableId, string recordId) => Records.TryGetValue(recordId, out var record) && record.TableId == tableId;

    public string FindOrCreateByPrimary(string tableId, string text)
    {
        foreach (var (id, record) in Records)
        {
            if (record.TableId == tableId && record.Primary == text)
            {
                return id;
            }
        }

        var created = AirtableIds.New(AirtableIds.Record);
        Records[created] = (tableId, text);
        CreatedByPrimary.Add(text);
        return created;
    }

    public Collaborator? FindCollaborator(string idOrEmail) =>
        Collaborators.FirstOrDefault(c => c.Id == idOrEmail || string.Equals(c.Email, idOrEmail, StringComparison.OrdinalIgnoreCase));
}
