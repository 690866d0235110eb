using System.Text.Json;
using PyAirtable.Formulas.Schema;
using PyAirtable.Formulas.Values;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>
/// A record as formulas see it: cells converted by field type, linked records shown by their
/// primary values, checkboxes false when empty.
/// </summary>
public sealed class RecordView(LocalRecord record, TableModel table, Func<string, LocalRecord?> find, SchemaModel schema) : IFormulaRecord
{
    public string Id => record.Id;

    public DateTimeOffset CreatedTime => record.CreatedTime;

    public DateTimeOffset? LastModifiedTime => record.LastModifiedTime;

    public FormulaValue GetValue(FormulaField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var schemaField = table.FieldById(field.Id);
        if (schemaField is null || !record.Cells.TryGetValue(field.Id, out var cell))
        {
            return FormulaCellConverter.FromCell(null, field.Type);
        }

        if (schemaField.Type == FieldTypes.MultipleRecordLinks)
        {
            return LinkedNames(schemaField, cell);
        }

        // Filters read every record's cells: plain numbers and texts skip the boxed CLR value
        // that FromCell takes; they convert exactly as FromCell would for these field types.
        return cell.ValueKind switch
        {
            JsonValueKind.Number when field.Type != FormulaFieldType.Duration => FormulaValue.Number(cell.GetDouble()),
            JsonValueKind.String when field.Type is not (FormulaFieldType.Date or FormulaFieldType.DateTime) => FormulaValue.Text(cell.GetString()!),
            _ => FormulaCellConverter.FromCell(Json.ToClr(cell), field.Type),
        };
    }

    /// <summary>The value of <paramref name="field"/> of this record as a formula value.</summary>
    public FormulaValue ValueOf(FieldSchema field) => GetValue(table.FormulaField(field));

    private FormulaValue LinkedNames(FieldSchema field, JsonElement cell)
    {
        var linkedTable = field.Options?.LinkedTableId is { } tableId ? schema.TableById(tableId) : null;
        if (linkedTable is null || cell.ValueKind != JsonValueKind.Array)
        {
            return FormulaValue.Blank;
        }

        var names = new List<FormulaValue>(cell.GetArrayLength());
        foreach (var id in cell.EnumerateArray())
        {
            var linked = find(id.GetString()!);
            names.Add(linked is null ? FormulaValue.Blank : new RecordView(linked, linkedTable, find, schema).ValueOf(linkedTable.Primary));
        }

        return FormulaValue.Array(names);
    }
}
