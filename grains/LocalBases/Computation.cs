using System.Globalization;
using System.Text.Json;
using PyAirtable.Formulas;
using PyAirtable.Formulas.Values;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>
/// Keeps computed fields and inverse links in step: pure functions over a <see cref="BaseChangeSet"/>.
/// A change to a record recomputes it, then every record that reads it through a link, until
/// nothing changes any more.
/// </summary>
public static class Computation
{
    private const int MaxVisitsPerRecord = 8;

    public static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The record with every computed field evaluated from its current inputs.</summary>
    public static LocalRecord Recompute(BaseChangeSet changes, TableModel table, LocalRecord record, FormulaContext context)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(record);
        if (!table.HasComputedFields)
        {
            return record;
        }

        var cells = new Dictionary<string, JsonElement>(record.Cells, StringComparer.Ordinal);
        var working = record with { Cells = cells };
        foreach (var field in table.ComputedOrder)
        {
            var value = Evaluate(changes, table, working, field, context);
            if (value is { } element && !Json.IsEmpty(element))
            {
                cells[field.Id] = element;
            }
            else
            {
                cells.Remove(field.Id);
            }
        }

        return working;
    }

    /// <summary>
    /// Every computed cell of the base, as after a load (computed cells are not stored). A
    /// lookup or rollup may read a computed field of a table that comes later, so when any does,
    /// passes repeat until one changes nothing (bounded, like <see cref="Propagate"/>).
    /// </summary>
    public static void RecomputeAll(BaseChangeSet changes, FormulaContext context)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var tables = changes.Schema.Tables.Where(t => t.HasComputedFields).ToList();
        var passes = tables.Any(t => ReadsComputedFieldOfAnotherRecord(changes.Schema, t)) ? MaxVisitsPerRecord : 1;
        for (var pass = 0; pass < passes; pass++)
        {
            var changed = false;
            foreach (var table in tables)
            {
                foreach (var record in changes.Records(table.Id).ToList())
                {
                    var recomputed = Recompute(changes, table, record, context);
                    if (pass == 0 || !SameCells(record, recomputed))
                    {
                        changes.Put(recomputed);
                        changed |= pass > 0;
                    }
                }
            }

            if (pass > 0 && !changed)
            {
                return;
            }
        }
    }

    private static bool ReadsComputedFieldOfAnotherRecord(SchemaModel schema, TableModel table) =>
        table.Fields.Any(f => f.Type is FieldTypes.MultipleLookupValues or FieldTypes.Rollup
            && f.Options?.FieldIdInLinkedTable is { } targetId
            && table.FieldById(f.Options.RecordLinkFieldId ?? "")?.Options?.LinkedTableId is { } linkedTableId
            && schema.TableById(linkedTableId)?.FieldById(targetId) is { } target
            && FieldTypes.Computed.Contains(target.Type));

    private static JsonElement? Evaluate(BaseChangeSet changes, TableModel table, LocalRecord record, FieldSchema field, FormulaContext context)
    {
        var options = field.Options;
        switch (field.Type)
        {
            case FieldTypes.CreatedTime:
                return Json.Text(Iso(record.CreatedTime));
            case FieldTypes.LastModifiedTime:
                var watched = options?.ReferencedFieldIds;
                if (watched is { Count: > 0 })
                {
                    var times = watched.Select(id => record.CellModified.TryGetValue(id, out var at) ? at : (DateTimeOffset?)null).Where(t => t is not null).ToList();
                    return times.Count == 0 ? null : Json.Text(Iso(times.Max()!.Value));
                }

                return Json.Text(Iso(record.LastModifiedTime));
            case FieldTypes.CreatedBy:
                return record.CreatedBy is null ? null : Json.Of(record.CreatedBy);
            case FieldTypes.LastModifiedBy:
                return record.LastModifiedBy is null ? null : Json.Of(record.LastModifiedBy);
            case FieldTypes.Count:
                return Json.Number(LinkedIds(record, options?.RecordLinkFieldId).Count);
            case FieldTypes.MultipleLookupValues:
                var looked = LookedUp(changes, record, options).SelectMany(v => v.Raw.ValueKind == JsonValueKind.Array ? v.Raw.EnumerateArray().ToArray() : new[] { v.Raw }).ToList();
                return looked.Count == 0 ? null : Json.Of(looked);
            case FieldTypes.Rollup:
                if (table.Formula(field.Id) is not { } rollup)
                {
                    return null;
                }

                var values = LookedUp(changes, record, options).SelectMany(v => v.Value.Kind == FormulaValueKind.Array ? v.Value.Elements : new[] { v.Value });
                return ToJson(rollup.EvaluateRollup(values.ToList(), View(changes, table, record), context));
            case FieldTypes.Formula:
                return table.Formula(field.Id) is { } formula ? ToJson(formula.Evaluate(View(changes, table, record), context)) : null;
            default:
                return record.Cell(field.Id);
        }
    }

    public static RecordView View(BaseChangeSet changes, TableModel table, LocalRecord record)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return new RecordView(record, table, changes.Get, changes.Schema);
    }

    private static JsonElement? ToJson(FormulaValue value) => value.IsBlank ? null : Json.Of(value.ToClrValue());

    public static IReadOnlyList<string> LinkedIds(LocalRecord record, string? linkFieldId)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (linkFieldId is null || !record.Cells.TryGetValue(linkFieldId, out var cell) || cell.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return cell.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static IEnumerable<(JsonElement Raw, FormulaValue Value)> LookedUp(BaseChangeSet changes, LocalRecord record, FieldOptions? options)
    {
        var table = changes.Schema.TableById(record.TableId);
        var link = options?.RecordLinkFieldId is { } linkId ? table?.FieldById(linkId) : null;
        var linkedTable = link?.Options?.LinkedTableId is { } tableId ? changes.Schema.TableById(tableId) : null;
        var target = options?.FieldIdInLinkedTable is { } targetId ? linkedTable?.FieldById(targetId) : null;
        if (linkedTable is null || target is null)
        {
            yield break;
        }

        foreach (var id in LinkedIds(record, link!.Id))
        {
            if (changes.Get(id) is { } linked && linked.Cells.TryGetValue(target.Id, out var raw) && !Json.IsEmpty(raw))
            {
                yield return (raw, View(changes, linkedTable, linked).ValueOf(target));
            }
        }
    }

    /// <summary>
    /// Recomputes the seeds and everything that reads them through links, until stable. Seeds'
    /// dependents are always visited: their stored cells changed, which the comparison of computed
    /// cells alone would miss.
    /// </summary>
    public static void Propagate(BaseChangeSet changes, IEnumerable<string> seeds, FormulaContext context)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(seeds);
        var queue = new Queue<(string Id, bool Seed)>(seeds.Distinct(StringComparer.Ordinal).Select(id => (id, true)));
        var visits = new Dictionary<string, int>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var item))
        {
            var count = visits.GetValueOrDefault(item.Id) + 1;
            visits[item.Id] = count;
            if (count > MaxVisitsPerRecord)
            {
                continue;
            }

            var record = changes.Get(item.Id);
            var original = changes.Originals.GetValueOrDefault(item.Id);
            var table = record is null ? null : changes.Schema.TableById(record.TableId);
            var changed = item.Seed;
            if (record is not null && table is not null)
            {
                var recomputed = Recompute(changes, table, record, context);
                if (!SameCells(record, recomputed))
                {
                    changes.Put(recomputed);
                    changed = true;
                }
            }

            if (changed)
            {
                foreach (var dependent in Dependents(changes, record ?? original))
                {
                    queue.Enqueue((dependent, false));
                }
            }
        }
    }

    private static bool SameCells(LocalRecord a, LocalRecord b) =>
        a.Cells.Count == b.Cells.Count && a.Cells.All(cell => b.Cells.TryGetValue(cell.Key, out var other) && JsonElement.DeepEquals(cell.Value, other));

    /// <summary>Records in other tables (or this one) that read <paramref name="record"/> through a link.</summary>
    private static IEnumerable<string> Dependents(BaseChangeSet changes, LocalRecord? record)
    {
        if (record is null || changes.Schema.TableById(record.TableId) is not { } table)
        {
            yield break;
        }

        var original = changes.Originals.GetValueOrDefault(record.Id);
        foreach (var link in table.Fields.Where(f => f.Type == FieldTypes.MultipleRecordLinks))
        {
            var linkedTable = link.Options?.LinkedTableId is { } id ? changes.Schema.TableById(id) : null;
            if (linkedTable is null || !linkedTable.HasComputedFields)
            {
                continue;
            }

            foreach (var linkedId in LinkedIds(record, link.Id).Concat(original is null ? [] : LinkedIds(original, link.Id)).Distinct(StringComparer.Ordinal))
            {
                yield return linkedId;
            }

            if (link.Options?.InverseLinkFieldId is null && linkedTable.Id == table.Id)
            {
                // A self-link has no inverse field: find the records that point here.
                foreach (var other in changes.Records(table.Id).Where(r => LinkedIds(r, link.Id).Contains(record.Id)))
                {
                    yield return other.Id;
                }
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="recordId"/> to, or removes it from, the inverse link cell of every
    /// record that entered or left <paramref name="link"/>; returns the records it touched.
    /// </summary>
    public static IReadOnlyList<string> SyncInverse(BaseChangeSet changes, FieldSchema link, string recordId, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (changes.Schema.Inverse(link) is not { } inverse)
        {
            return [];
        }

        var touched = new List<string>();
        foreach (var added in after.Except(before, StringComparer.Ordinal))
        {
            touched.AddRange(Touch(changes, inverse.Field, added, ids => ids.Contains(recordId, StringComparer.Ordinal) ? ids : [.. ids, recordId]));
        }

        foreach (var removed in before.Except(after, StringComparer.Ordinal))
        {
            touched.AddRange(Touch(changes, inverse.Field, removed, ids => ids.Where(id => id != recordId).ToList()));
        }

        return touched;
    }

    private static IEnumerable<string> Touch(BaseChangeSet changes, FieldSchema inverseField, string targetId, Func<IReadOnlyList<string>, IReadOnlyList<string>> edit)
    {
        if (changes.Get(targetId) is not { } target)
        {
            yield break;
        }

        var ids = edit(LinkedIds(target, inverseField.Id));
        var cells = new Dictionary<string, JsonElement>(target.Cells, StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            cells.Remove(inverseField.Id);
        }
        else
        {
            cells[inverseField.Id] = Json.Of(ids);
        }

        var modified = new Dictionary<string, DateTimeOffset>(target.CellModified, StringComparer.Ordinal) { [inverseField.Id] = changes.Now };
        changes.Put(target with { Cells = cells, CellModified = modified, LastModifiedTime = changes.Now, LastModifiedBy = changes.Actor ?? target.LastModifiedBy });
        yield return targetId;
    }
}
