using System.Text.Json;
using PyAirtable.Formulas;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>Pure record writes over a change set: create, update, replace, delete, with inverse links and recomputation.</summary>
public static class RecordWrites
{
    public static LocalRecord NewRecord(BaseChangeSet changes, TableModel table)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(table);
        var cells = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in table.Fields.Where(f => f.Type == FieldTypes.AutoNumber))
        {
            cells[field.Id] = Json.Number(changes.NextAutoNumber(table.Id));
        }

        return new LocalRecord
        {
            Id = AirtableIds.New(AirtableIds.Record),
            TableId = table.Id,
            Seq = changes.NextSeq(),
            CreatedTime = changes.Now,
            CreatedBy = changes.Actor,
            LastModifiedTime = changes.Now,
            LastModifiedBy = changes.Actor,
            Cells = cells,
        };
    }

    /// <summary>Applies one write (create when it has no id) and returns the record id; links' other sides follow.</summary>
    public static string Apply(BaseChangeSet changes, string tableId, RecordWrite write, ChangeSetWriteContext context, bool replace, ICollection<string> seeds)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(seeds);
        var table = changes.Schema.TableById(tableId)!;
        LocalRecord record;
        if (write.Id is null)
        {
            record = NewRecord(changes, table);
        }
        else
        {
            record = changes.Get(write.Id) is { } existing && existing.TableId == tableId
                ? existing
                : throw new BaseRequestException(BaseError.RecordNotFound, $"Could not find record {write.Id} in table {table.Name}");
        }

        var before = record;
        var cells = new Dictionary<string, JsonElement>(record.Cells, StringComparer.Ordinal);
        var modified = new Dictionary<string, DateTimeOffset>(record.CellModified, StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in write.Fields ?? new Dictionary<string, JsonElement>())
        {
            table = changes.Schema.TableById(tableId)!;
            var field = table.Field(key);
            written.Add(field.Id);
            var cell = CellWriter.Normalize(table, field, value, context, record.Cell(field.Id));
            Set(cells, modified, field.Id, cell, changes.Now);
        }

        if (replace)
        {
            foreach (var field in changes.Schema.TableById(tableId)!.Fields.Where(f => !FieldTypes.Computed.Contains(f.Type) && !written.Contains(f.Id)))
            {
                Set(cells, modified, field.Id, null, changes.Now);
            }
        }

        var changed = write.Id is null || cells.Count != before.Cells.Count || cells.Any(c => !Json.Same(c.Value, before.Cell(c.Key)));
        if (changed)
        {
            record = record with
            {
                Cells = cells,
                CellModified = modified,
                LastModifiedTime = write.Id is null ? record.LastModifiedTime : changes.Now,
                LastModifiedBy = write.Id is null ? record.LastModifiedBy : changes.Actor ?? record.LastModifiedBy,
            };
            changes.Put(record);
            seeds.Add(record.Id);
            SyncLinks(changes, changes.Schema.TableById(tableId)!, record.Id, before, record, seeds);
        }

        return record.Id;
    }

    private static void Set(Dictionary<string, JsonElement> cells, Dictionary<string, DateTimeOffset> modified, string fieldId, JsonElement? cell, DateTimeOffset now)
    {
        var old = cells.TryGetValue(fieldId, out var existing) ? existing : (JsonElement?)null;
        if (Json.Same(old, cell))
        {
            return;
        }

        if (cell is { } value)
        {
            cells[fieldId] = value;
        }
        else
        {
            cells.Remove(fieldId);
        }

        modified[fieldId] = now;
    }

    private static void SyncLinks(BaseChangeSet changes, TableModel table, string recordId, LocalRecord? before, LocalRecord? after, ICollection<string> seeds)
    {
        foreach (var link in table.Fields.Where(f => f.Type == FieldTypes.MultipleRecordLinks))
        {
            var old = before is null ? [] : Computation.LinkedIds(before, link.Id);
            var now = after is null ? [] : Computation.LinkedIds(after, link.Id);
            if (old.SequenceEqual(now, StringComparer.Ordinal))
            {
                continue;
            }

            foreach (var touched in Computation.SyncInverse(changes, link, recordId, old, now))
            {
                seeds.Add(touched);
            }
        }
    }

    /// <summary>Deletes a record: it leaves every link that pointed at it.</summary>
    public static void Delete(BaseChangeSet changes, TableModel table, string recordId, ICollection<string> seeds)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(seeds);
        var record = changes.Get(recordId) is { } existing && existing.TableId == table.Id
            ? existing
            : throw new BaseRequestException(BaseError.RecordNotFound, $"Could not find record {recordId} in table {table.Name}");
        SyncLinks(changes, table, recordId, record, null, seeds);
        foreach (var link in table.Fields.Where(f => f.Type == FieldTypes.MultipleRecordLinks && f.Options?.InverseLinkFieldId is null && f.Options?.LinkedTableId == table.Id))
        {
            foreach (var other in changes.Records(table.Id).Where(r => r.Id != recordId && Computation.LinkedIds(r, link.Id).Contains(recordId)).ToList())
            {
                var cells = new Dictionary<string, JsonElement>(other.Cells, StringComparer.Ordinal);
                var ids = Computation.LinkedIds(other, link.Id).Where(id => id != recordId).ToList();
                if (ids.Count == 0)
                {
                    cells.Remove(link.Id);
                }
                else
                {
                    cells[link.Id] = Json.Of(ids);
                }

                // The same bookkeeping as the other side of a two-way link (Computation.SyncInverse).
                var modified = new Dictionary<string, DateTimeOffset>(other.CellModified, StringComparer.Ordinal) { [link.Id] = changes.Now };
                changes.Put(other with { Cells = cells, CellModified = modified, LastModifiedTime = changes.Now, LastModifiedBy = changes.Actor ?? other.LastModifiedBy });
                seeds.Add(other.Id);
            }
        }

        changes.Remove(recordId);
        seeds.Remove(recordId);
    }

    /// <summary>Recomputes what the writes affect, in place in the change set.</summary>
    public static void Settle(BaseChangeSet changes, IEnumerable<string> seeds, FormulaContext context) =>
        Computation.Propagate(changes, seeds, context);
}
