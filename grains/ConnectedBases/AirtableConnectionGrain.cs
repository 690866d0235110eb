using System.Text.Json;
using PyAirtable.GrainInterfaces.ConnectedBases;

namespace PyAirtable.Grains.ConnectedBases;

/// <summary>
/// A workspace's Airtable token: checked against Airtable before it is kept, stored encrypted,
/// and marked when Airtable stops accepting it. Listing bases goes through the token's limiter.
/// </summary>
public sealed class AirtableConnectionGrain(
    [PersistentState("airtableconnection")] IPersistentState<ConnectionState> state,
    AirtableClient client,
    TokenProtector protector,
    TimeProvider time) : Grain, IAirtableConnectionGrain
{
    private const int MaxTokenLength = 4096;

    private string Id => this.GetPrimaryKeyString();

    private bool Live => state.RecordExists && !state.State.Deleted;

    public async Task<AirtableConnectionInfo> ConnectAsync(string workspaceId, string name, string token, string createdBy)
    {
        if (state.RecordExists)
        {
            throw new InvalidOperationException("This connection id is taken.");
        }

        var cleanName = string.IsNullOrWhiteSpace(name) ? "Airtable" : name.Trim();
        if (cleanName.Length > 100)
        {
            throw new ArgumentException("The connection name is longer than 100 characters.", nameof(name));
        }

        var checkedToken = CheckShape(token);
        var (userId, scopes) = await WhoAmIAsync(checkedToken);
        await ListBasesWithAsync(checkedToken);
        var now = time.GetUtcNow();
        state.State = new ConnectionState
        {
            WorkspaceId = workspaceId,
            Name = cleanName,
            ProtectedToken = protector.Protect(checkedToken),
            TokenHint = TokenProtector.Hint(checkedToken),
            AirtableUserId = userId,
            Scopes = scopes,
            CreatedBy = createdBy,
            CreatedAt = now,
            CheckedAt = now,
        };
        await state.WriteStateAsync();
        return Info();
    }

    public Task<AirtableConnectionInfo?> GetInfoAsync() => Task.FromResult(Live ? Info() : null);

    public async Task<IReadOnlyList<AirtableBaseSummary>> ListBasesAsync()
    {
        RequireLive();
        return await ListBasesWithAsync(protector.Unprotect(state.State.ProtectedToken));
    }

    public Task<string> GetProtectedTokenAsync()
    {
        RequireLive();
        return Task.FromResult(state.State.ProtectedToken);
    }

    public async Task ReportTokenRejectedAsync(string detail)
    {
        if (!Live || state.State.Status == ConnectionStatus.NeedsNewToken)
        {
            return;
        }

        state.State = state.State with { Status = ConnectionStatus.NeedsNewToken, StatusDetail = detail, CheckedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
    }

    public async Task<AirtableConnectionInfo> ReplaceTokenAsync(string token)
    {
        RequireLive();
        var checkedToken = CheckShape(token);
        var (userId, scopes) = await WhoAmIAsync(checkedToken);
        state.State = state.State with
        {
            ProtectedToken = protector.Protect(checkedToken),
            TokenHint = TokenProtector.Hint(checkedToken),
            AirtableUserId = userId,
            Scopes = scopes,
            Status = ConnectionStatus.Active,
            StatusDetail = null,
            CheckedAt = time.GetUtcNow(),
        };
        await state.WriteStateAsync();
        return Info();
    }

    public async Task DeleteAsync()
    {
        if (Live)
        {
            // The encrypted token goes too: a deleted connection keeps nothing that could call Airtable.
            state.State = state.State with { Deleted = true, ProtectedToken = "" };
            await state.WriteStateAsync();
        }
    }

    private static string CheckShape(string token)
    {
        var trimmed = token?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("The Airtable token is missing.", nameof(token));
        }

        if (trimmed.Length > MaxTokenLength || trimmed.Any(c => c <= ' ' || c > '~'))
        {
            throw new ArgumentException("The Airtable token is not a valid token (printable ASCII, no spaces, at most 4096 characters).", nameof(token));
        }

        return trimmed;
    }

    private async Task<(string? UserId, IReadOnlyList<string> Scopes)> WhoAmIAsync(string token)
    {
        var response = await SendAsync(token, AirtableRequest.Get("/v0/meta/whoami"));
        using var json = JsonDocument.Parse(response.Body);
        var userId = json.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
        var scopes = json.RootElement.TryGetProperty("scopes", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(s => s.GetString() ?? "").Where(s => s.Length > 0).ToList()
            : [];
        return (userId, scopes);
    }

    private async Task<IReadOnlyList<AirtableBaseSummary>> ListBasesWithAsync(string token)
    {
        var bases = new List<AirtableBaseSummary>();
        string? offset = null;
        do
        {
            var path = "/v0/meta/bases" + (offset is null ? "" : "?offset=" + Uri.EscapeDataString(offset));
            var response = await SendAsync(token, AirtableRequest.Get(path));
            using var json = JsonDocument.Parse(response.Body);
            if (json.RootElement.TryGetProperty("bases", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                bases.AddRange(list.EnumerateArray().Select(b => new AirtableBaseSummary(
                    b.GetProperty("id").GetString() ?? "",
                    b.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "",
                    b.TryGetProperty("permissionLevel", out var p) ? p.GetString() ?? "" : "")));
            }

            offset = json.RootElement.TryGetProperty("offset", out var next) ? next.GetString() : null;
        }
        while (offset is not null);
        return bases;
    }

    /// <summary>One meta request through the token's limiter; Airtable refusing the token is the caller's answer, not a retry.</summary>
    private async Task<AirtableResponse> SendAsync(string token, AirtableRequest request)
    {
        var now = time.GetUtcNow();
        var limiter = GrainFactory.GetGrain<IAirtableTokenLimiterGrain>(Id);
        if (await limiter.ReserveAsync(now, now + TimeSpan.FromSeconds(10)) is not { } slot)
        {
            throw new AirtableGatewayException(AirtableFailure.Busy, "Airtable is busy for this token; try again shortly.", 10);
        }

        if (slot > now)
        {
            await Task.Delay(slot - now, time);
        }

        AirtableClient.Answer answer;
        try
        {
            answer = await client.SendAsync(token, request, CancellationToken.None);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            throw new AirtableGatewayException(AirtableFailure.Unavailable, "Airtable could not be reached: " + error.Message);
        }

        var response = answer.Response;
        return response.Status switch
        {
            >= 200 and < 300 => response,
            401 or 403 => throw new AirtableGatewayException(AirtableFailure.TokenRejected,
                "Airtable refused the token (it may be wrong, expired, or lack the scopes schema.bases:read and data.records:read).", null, response.Status, response.Body),
            429 => throw new AirtableGatewayException(AirtableFailure.Busy, "Airtable is rate-limiting this token; try again shortly.",
                (int)Math.Ceiling((answer.RetryAfter ?? TimeSpan.FromSeconds(30)).TotalSeconds), response.Status, response.Body),
            >= 500 => throw new AirtableGatewayException(AirtableFailure.Unavailable, $"Airtable answered {response.Status}.", null, response.Status, response.Body),
            _ => throw new AirtableGatewayException(AirtableFailure.Refused, $"Airtable refused the request ({response.Status}).", null, response.Status, response.Body),
        };
    }

    private void RequireLive()
    {
        if (!Live)
        {
            throw new KeyNotFoundException("No such connection.");
        }
    }

    private AirtableConnectionInfo Info()
    {
        var s = state.State;
        return new AirtableConnectionInfo(Id, s.WorkspaceId, s.Name, s.Status, s.StatusDetail, s.AirtableUserId, s.Scopes, s.TokenHint, s.CreatedBy, s.CreatedAt, s.CheckedAt);
    }
}
