using System.ComponentModel;

namespace PyAirtable.Api.Mcp.Shapes;

/// <summary>One sort key of a list request.</summary>
public sealed record SortInput([property: Description("Field name or id to sort by.")] string Field, [property: Description("asc (default) or desc.")] string? Direction = null);
