namespace PyAirtable.Mcp.Tests;

/// <summary>One silo for every MCP test class: starting one is the slow part, and each test makes its own users and bases.</summary>
[CollectionDefinition(Name)]
public sealed class SharedSilo : ICollectionFixture<McpHost>
{
    public const string Name = "mcp";
}
