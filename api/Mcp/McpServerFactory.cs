using System.Reflection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PyAirtable.Grains.Audit;

namespace PyAirtable.Api.Mcp;

/// <summary>Builds the PyAirtable MCP server (its tools and policy) over any transport: a Streamable HTTP session or stdio.</summary>
public sealed class McpServerFactory(IServiceProvider services, ILoggerFactory loggers, AuditTrail audit)
{
    public const string ServerName = "pyairtable";

    public const string Instructions =
        "PyAirtable: Airtable-compatible bases. Start with list_bases, then list_tables or describe_table for field names and ids; " +
        "list_records and search_records read, create/update/upsert/delete_records write (any count; applied in batches of 10), " +
        "and create_table/update_table/create_field/update_field change the schema. Cell values use Airtable's Web API format.";

    public McpServerOptions CreateOptions()
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var tool in McpToolCatalog.Tools)
        {
            tools.Add(tool);
        }

        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = ServerName, Title = "PyAirtable", Version = Version },
            ServerInstructions = Instructions,
            ToolCollection = tools,
        };
        McpCallPolicy.Apply(options, audit);
        return options;
    }

    public McpServer Create(ITransport transport) => McpServer.Create(transport, CreateOptions(), loggers, services);

    private static string Version => typeof(McpServerFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";
}
