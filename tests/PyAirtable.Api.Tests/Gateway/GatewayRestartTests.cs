using System.Net;

namespace PyAirtable.Api.Tests.Gateway;

public sealed class GatewayRestartTests
{
    [Fact]
    public async Task AConnectionsTokenStillOpensAfterARestartBecauseTheKeyRingIsInTheDatabase()
    {
        using var simulator = new AirtableSimulator();
        var folder = Directory.CreateTempSubdirectory("pyairtable-gateway-restart-").FullName;
        try
        {
            ConnectedBase world;
            using (var first = new GatewayHost(folder, simulator))
            {
                world = await ConnectedBase.CreateAsync(first);
                Assert.Equal(3, (await world.GetAsync(world.Path())).GetProperty("records").GetArrayLength());
            }

            using var second = new GatewayHost(folder, simulator);
            var api = new Api(second.CreateClient());
            var read = await api.JsonAsync(HttpMethod.Get, world.Path() + "?pageSize=2", null, world.Key);

            Assert.Equal(2, read.GetProperty("records").GetArrayLength());
            var connection = await api.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{world.WorkspaceId}/connections/{world.ConnectionId}", null, world.OwnerToken);
            Assert.Equal("active", connection.GetProperty("status").GetString());
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }

    [Fact]
    public async Task DeletingAConnectionDisconnectsItsBasesAndForgetsTheToken()
    {
        using var host = new GatewayHost();
        var world = await ConnectedBase.CreateAsync(host);
        await world.Gateway.JsonAsync(HttpMethod.Delete, $"/api/v1/workspaces/{world.WorkspaceId}/connections/{world.ConnectionId}", null, world.OwnerToken, HttpStatusCode.NoContent);

        V0Base.AssertError(await world.GetAsync(world.Path(), HttpStatusCode.Forbidden), "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND");
        var bases = await world.Gateway.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{world.WorkspaceId}/bases", null, world.OwnerToken);
        Assert.Empty(bases.EnumerateArray());
        await world.Gateway.JsonAsync(HttpMethod.Get, $"/api/v1/workspaces/{world.WorkspaceId}/connections/{world.ConnectionId}", null, world.OwnerToken, HttpStatusCode.NotFound);
    }
}
