using System.Net;
using System.Text.Json;

namespace PyAirtable.Api.Tests;

/// <summary>A fresh owner, workspace, API key and local base for one test, and /v0 helpers.</summary>
public sealed class V0Base
{
    private V0Base(Api api, string ownerToken, string workspaceId, string key, string baseId, JsonElement tables)
    {
        Api = api;
        OwnerToken = ownerToken;
        WorkspaceId = workspaceId;
        Key = key;
        BaseId = baseId;
        Tables = tables;
    }

    public Api Api { get; }

    public string OwnerToken { get; }

    public string WorkspaceId { get; }

    /// <summary>An API key with read, write and admin scopes.</summary>
    public string Key { get; }

    public string BaseId { get; }

    public JsonElement Tables { get; }

    public string TableId(string name) => Tables.EnumerateArray().First(t => t.GetProperty("name").GetString() == name).GetProperty("id").GetString()!;

    public string FieldId(string table, string field) => Tables.EnumerateArray().First(t => t.GetProperty("name").GetString() == table)
        .GetProperty("fields").EnumerateArray().First(f => f.GetProperty("name").GetString() == field).GetProperty("id").GetString()!;

    /// <summary>A base with the given tables (Airtable's create-base body), created through <c>POST /v0/meta/bases</c>.</summary>
    public static async Task<V0Base> CreateAsync(Api api, object[] tables)
    {
        ArgumentNullException.ThrowIfNull(api);
        var (_, token) = await api.NewUserAsync();
        var workspaceId = await api.NewWorkspaceAsync(token);
        var key = await KeyAsync(api, token, workspaceId, "read", "write", "admin");
        var created = await api.JsonAsync(HttpMethod.Post, "/v0/meta/bases", new { name = "Test base", workspaceId, tables }, key);
        return new V0Base(api, token, workspaceId, key, created.GetProperty("id").GetString()!, created.GetProperty("tables").Clone());
    }

    public static async Task<string> KeyAsync(Api api, string token, string workspaceId, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(api);
        var created = await api.JsonAsync(HttpMethod.Post, $"/api/v1/workspaces/{workspaceId}/api-keys", new { name = "k", scopes }, token, HttpStatusCode.Created);
        return created.GetProperty("key").GetString()!;
    }

    public Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK, string? key = null) =>
        Api.JsonAsync(HttpMethod.Get, path, null, key ?? Key, expected);

    public Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK, string? key = null) =>
        Api.JsonAsync(method, path, body, key ?? Key, expected);

    public async Task<JsonElement> CreateAsync(string table, params object[] fields)
    {
        var created = await SendAsync(HttpMethod.Post, $"/v0/{BaseId}/{Uri.EscapeDataString(table)}", new { records = fields.Select(f => new { fields = f }).ToArray() });
        return created.GetProperty("records");
    }

    /// <summary>Asserts an Airtable error body: <c>{"error":{"type":…,"message":…}}</c>.</summary>
    public static void AssertError(JsonElement body, string type)
    {
        var error = body.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }
}
