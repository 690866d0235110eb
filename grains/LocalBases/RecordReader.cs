using System.Globalization;
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

    /// <summary>
    /// Writes the record as <see cref="ToData"/> shapes it, as Airtable's JSON object
    /// (<c>id</c>, <c>createdTime</c>, <c>fields</c>, <c>commentCount</c> when asked).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, LocalRecord record, TableModel table, SchemaModel schema, Func<string, LocalRecord?> find, OutputShape shape)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(shape);
        writer.WriteStartObject();
        writer.WriteString("id", record.Id);
        Span<char> created = stackalloc char[24];
        record.CreatedTime.UtcDateTime.TryFormat(created, out var length, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        writer.WriteString("createdTime", created[..length]);
        writer.WriteStartObject("fields");
        RecordView? view = null;
        foreach (var field in table.Fields)
        {
            if ((shape.FieldIds is not null && !shape.FieldIds.Contains(field.Id)) || !record.Cells.TryGetValue(field.Id, out var cell) || Json.IsEmpty(cell))
            {
                continue;
            }

            writer.WritePropertyName(shape.ByFieldId ? field.Id : field.Name);
            if (shape.Format == CellFormat.Text)
            {
                view ??= new RecordView(record, table, find, schema);
                writer.WriteStringValue(CellText.Format(field, cell, view, schema, shape.Zone, shape.Culture));
            }
            else
            {
                cell.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
        if (shape.CommentCount)
        {
            writer.WriteNumber("commentCount", record.Comments.Count);
        }

        writer.WriteEndObject();
    }

    /// <summary>The record keyed by field id with every cell: what events carry.</summary>
    public static RecordData ForEvent(LocalRecord record) =>
        new(record.Id, record.CreatedTime, record.Cells.Where(c => !Json.IsEmpty(c.Value)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
}
