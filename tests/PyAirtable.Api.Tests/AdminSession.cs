using System.Net;

namespace PyAirtable.Api.Tests;

/// <summary>The bootstrap administrator of a test host, its one-time password changed on first use.</summary>
public static class AdminSession
{
    public const string ChangedPassword = "changed-Admin-Secret-7";

    /// <summary>An access token of the platform administrator; changes the bootstrap password the first time.</summary>
    public static async Task<string> AdminTokenAsync(this Api api)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var first = await api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = ApiHost.AdminEmail, password = ApiHost.AdminPassword });
        if (first.StatusCode == HttpStatusCode.OK)
        {
            var token = (await System.Text.Json.JsonDocument.ParseAsync(await first.Content.ReadAsStreamAsync())).RootElement.GetProperty("accessToken").GetString()!;
            await api.JsonAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = ApiHost.AdminPassword, newPassword = ChangedPassword }, token, HttpStatusCode.NoContent);
        }

        return (await api.LoginAsync(ApiHost.AdminEmail, ChangedPassword)).GetProperty("accessToken").GetString()!;
    }
}
