using System.Text.Json;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>Records as the Web API returns them: empty cells left out, keyed as asked, in the format asked.</summary>
public static class RecordReader
{
    public static RecordData ToData(LocalRecord record, TableModel table, SchemaModel schema, Func<string, LocalRecord?> find, OutputShape shape)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(shape);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        RecordView? view = null;
        foreach (var field in table.Fields)
        {
            if ((shape.FieldIds is not null && !shape.FieldIds.Contains(field.Id)) || !record.Cells.TryGetValue(field.Id, out var cell) || Json.IsEmpty(cell))
            {
                continue;
            }

            var key = shape.ByFieldId ? field.Id : field.Name;
            if (shape.Format == CellFormat.Text)
            {
                view ??= new RecordView(record, table, find, schema);
                fields[key] = Json.Text(CellText.Format(field, cell, view, schema, shape.Zone, shape.Culture));
            }
            else
            {
                fields[key] = cell;
            }
        }

        return new RecordData(record.Id, record.CreatedTime, fields, shape.CommentCount ? record.Comments.Count : null);
    }

    /// <summary>The record keyed by field id with every cell: what events carry.</summary>
    public static RecordData ForEvent(LocalRecord record) =>
        new(record.Id, record.CreatedTime, record.Cells.Where(c => !Json.IsEmpty(c.Value)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
}
