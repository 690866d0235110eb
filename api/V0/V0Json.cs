using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.V0;

/// <summary>Response bodies in Airtable's exact shapes: camelCase, absent rather than null, ISO times with milliseconds and Z.</summary>
public static class V0Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IResult Ok(object body) => TypedResults.Json(body, Options);

    public static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static Dictionary<string, object?> Record(RecordData record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var body = new Dictionary<string, object?>(4, StringComparer.Ordinal)
        {
            ["id"] = record.Id,
            ["createdTime"] = Iso(record.CreatedTime),
            ["fields"] = record.Fields,
        };
        if (record.CommentCount is { } count)
        {
            body["commentCount"] = count;
        }

        return body;
    }

    public static object Table(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new
        {
            id = table.Id,
            name = table.Name,
            primaryFieldId = table.PrimaryFieldId,
            description = table.Description,
            fields = table.Fields.Select(Field).ToList(),
            views = table.Views.Select(v => new { id = v.Id, name = v.Name, type = v.Type }).ToList(),
        };
    }

    public static object Field(FieldSchema field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new { id = field.Id, name = field.Name, type = field.Type, description = field.Description, options = field.Options };
    }

    public static object Comment(RecordComment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new
        {
            id = comment.Id,
            author = new { id = comment.Author.Id, email = comment.Author.Email, name = comment.Author.Name },
            text = comment.Text,
            createdTime = Iso(comment.CreatedTime),
            lastUpdatedTime = comment.LastUpdatedTime is { } updated ? Iso(updated) : null,
        };
    }
}
