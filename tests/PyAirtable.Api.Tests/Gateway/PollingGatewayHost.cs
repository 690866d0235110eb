namespace PyAirtable.Api.Tests.Gateway;

/// <summary>A gateway that polls its connected bases for changes every second.</summary>
public sealed class PollingGatewayHost : GatewayHost
{
    protected override int PollIntervalSeconds => 1;
}
