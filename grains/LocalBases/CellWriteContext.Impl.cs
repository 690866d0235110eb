using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>The write context of one request, over its change set.</summary>
public sealed class ChangeSetWriteContext(BaseChangeSet changes, bool typecast, IReadOnlyList<Collaborator> collaborators) : ICellWriteContext
{
    private readonly List<string> _created = [];

    public bool Typecast => typecast;

    /// <summary>Records that typecast created in linked tables while matching primary values.</summary>
    public IReadOnlyList<string> CreatedLinkedRecords => _created;

    public FieldSchema CurrentField(TableModel table, FieldSchema field)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(field);
        return changes.Schema.TableById(table.Id)?.FieldById(field.Id) ?? field;
    }

    public FieldSchema AddChoice(TableModel table, FieldSchema field, string name)
    {
        var current = CurrentField(table, field);
        var updated = SchemaRules.WithChoice(current, name);
        var schema = changes.Schema.TableById(table.Id)!.Schema;
        changes.ReplaceSchema(SchemaRules.Replace(changes.Schema.State, schema with { Fields = schema.Fields.Select(f => f.Id == field.Id ? updated : f).ToList() }));
        return updated;
    }

    public bool RecordExists(string tableId, string recordId) => changes.Get(recordId)?.TableId == tableId;

    public string FindOrCreateByPrimary(string tableId, string text)
    {
        var table = changes.Schema.TableById(tableId) ?? throw new BaseRequestException(BaseError.InvalidSchema, $"The linked table {tableId} no longer exists.");
        foreach (var record in changes.Records(tableId))
        {
            var value = Computation.View(changes, table, record).ValueOf(table.Primary);
            if (string.Equals(value.AsString ?? Convert.ToString(value.ToClrValue(), System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal))
            {
                return record.Id;
            }
        }

        if (FieldTypes.Computed.Contains(table.Primary.Type))
        {
            throw new BaseRequestException(BaseError.InvalidValue, $"No record of table {table.Name} is named \"{text}\", and its computed primary field cannot name a new one.");
        }

        var cell = CellWriter.Normalize(table, table.Primary, Json.Text(text), this);
        var created = RecordWrites.NewRecord(changes, table);
        var cells = new Dictionary<string, System.Text.Json.JsonElement>(created.Cells, StringComparer.Ordinal);
        if (cell is { } value2)
        {
            cells[table.Primary.Id] = value2;
        }

        changes.Put(created with { Cells = cells });
        _created.Add(created.Id);
        return created.Id;
    }

    public Collaborator? FindCollaborator(string idOrEmail) =>
        collaborators.FirstOrDefault(c => c.Id == idOrEmail)
        ?? collaborators.FirstOrDefault(c => string.Equals(c.Email, idOrEmail, StringComparison.OrdinalIgnoreCase));
}
