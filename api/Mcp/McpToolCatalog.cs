using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using PyAirtable.Api.Mcp.Tools;
using PyAirtable.GrainInterfaces.ApiKeys;

namespace PyAirtable.Api.Mcp;

/// <summary>Every tool of the server, built once from the <c>[McpServerToolType]</c> classes, with the scope each needs.</summary>
public static class McpToolCatalog
{
    public static readonly IReadOnlyList<Type> ToolTypes = [typeof(WorkspaceTools), typeof(SchemaTools), typeof(RecordTools), typeof(CommentTools), typeof(ChangeTools)];

    private static readonly Lazy<IReadOnlyList<McpServerTool>> s_tools = new(Build);

    private static readonly Lazy<IReadOnlyDictionary<string, ApiKeyScope>> s_scopes = new(() =>
        s_tools.Value.ToDictionary(t => t.ProtocolTool.Name, ScopeOf, StringComparer.Ordinal));

    public static IReadOnlyList<McpServerTool> Tools => s_tools.Value;

    /// <summary>Tool name → the API key scope needed to see and call it.</summary>
    public static IReadOnlyDictionary<string, ApiKeyScope> Scopes => s_scopes.Value;

    private static List<McpServerTool> Build()
    {
        var options = new McpServerToolCreateOptions { SerializerOptions = McpJson.Options };
        return ToolTypes
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null)
                .Select(method => McpServerTool.Create(
                    method,
                    request => ActivatorUtilities.CreateInstance(request.Services ?? request.Server.Services!, type, McpCaller.From(request)),
                    options)))
            .ToList();
    }

    private static ApiKeyScope ScopeOf(McpServerTool tool) =>
        tool.Metadata.OfType<McpScopeAttribute>().FirstOrDefault()?.Scope
        ?? (tool.ProtocolTool.Annotations?.ReadOnlyHint == true ? ApiKeyScope.Read : ApiKeyScope.Write);
}
