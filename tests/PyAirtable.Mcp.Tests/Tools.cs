using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace PyAirtable.Mcp.Tests;

/// <summary>Calls a tool and reads its result the way a model would: structured content, checked against its text twin.</summary>
public static class Tools
{
    public static async Task<JsonElement> CallAsync(this McpClient client, string tool, object? arguments = null)
    {
        var result = await client.CallToolAsync(tool, Arguments(arguments));
        var text = Text(result);
        Assert.True(result.IsError != true, $"{tool} failed: {text}");
        var structured = Assert.IsType<JsonElement>(result.StructuredContent);
        // The text block carries the same JSON, for clients that ignore structured content.
        Assert.Equal(structured.GetRawText(), JsonDocument.Parse(text).RootElement.GetRawText());
        return structured.Clone();
    }

    /// <summary>Calls a tool that must fail as a tool result (isError) and returns its message.</summary>
    public static async Task<string> FailAsync(this McpClient client, string tool, object? arguments = null)
    {
        var result = await client.CallToolAsync(tool, Arguments(arguments));
        var text = Text(result);
        Assert.True(result.IsError == true, $"{tool} should have failed: {text}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(text));
        return text;
    }

    public static string Text(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
    }

    private static Dictionary<string, object?>? Arguments(object? arguments) =>
        arguments is null ? null : JsonSerializer.SerializeToElement(arguments).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

    public static IEnumerable<string> Strings(this JsonElement array, string property) =>
        array.EnumerateArray().Select(e => e.GetProperty(property).GetString()!);
}
