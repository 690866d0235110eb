using ModelContextProtocol;
using PyAirtable.Api.Mcp.Shapes;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.Mcp.Tools;

/// <summary>The checks a schema dry run makes before saying what a change would be, worded as the base would refuse it.</summary>
public static class SchemaPreview
{
    public static void RequireFreeName(IEnumerable<string> taken, string name, string kind, string where)
    {
        if (taken.Any(t => string.Equals(t, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new McpException($"A {kind} named '{name}' already exists in {where}; choose another name.");
        }
    }

    public static void RequireDistinct(IEnumerable<string> names)
    {
        if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new McpException($"The field name '{twice.Key}' is given more than once; field names must be unique in a table.");
        }
    }

    public static void RequireSupported(string type, string field)
    {
        if (!FieldTypes.Supported.Contains(type))
        {
            throw new McpException($"Field '{field}' has type '{type}', which is not supported. Supported types: {string.Join(", ", FieldTypes.Supported.Order(StringComparer.Ordinal))}.");
        }
    }

    public static FieldItem Field(FieldDefinition field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new FieldItem("", field.Name, field.Type, field.Description, field.Options);
    }
}
