using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using PyAirtable.Api.Mcp.Shapes;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.Mcp;

/// <summary>How tool arguments are read and results written: camelCase, nulls left out, times as Airtable writes them.</summary>
public static class McpJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(McpJsonUtilities.DefaultOptions.TypeInfoResolver, new DefaultJsonTypeInfoResolver()),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly();
        return options;
    }

    public static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static RecordItem Record(RecordData record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RecordItem(record.Id, Iso(record.CreatedTime), record.Fields);
    }

    public static CommentItem Comment(RecordComment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new CommentItem(comment.Id, comment.Author.Id, comment.Author.Email, comment.Author.Name, comment.Text, Iso(comment.CreatedTime),
            comment.LastUpdatedTime is { } updated ? Iso(updated) : null);
    }

    public static FieldItem Field(FieldSchema field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new FieldItem(field.Id, field.Name, field.Type, field.Description, field.Options);
    }

    public static TableItem Table(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new TableItem(table.Id, table.Name, table.Description, table.PrimaryFieldId,
            table.Fields.Select(Field).ToList(), table.Views.Select(v => new ViewItem(v.Id, v.Name, v.Type)).ToList());
    }
}
