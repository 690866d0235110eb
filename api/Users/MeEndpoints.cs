using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PyAirtable.Api.Auth;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Users;

/// <summary><c>/api/v1/me</c>: the signed-in user's profile, password and second factor.</summary>
public static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").WithTags("Me").RequireAuthorization();
        group.MapGet("/", GetAsync).WithName("GetMe").WithMetadata(new AllowPendingPasswordChangeAttribute());
        group.MapPatch("/", UpdateAsync).WithName("UpdateMe");
        group.MapPost("/password", ChangePasswordAsync).WithName("ChangePassword").WithMetadata(new AllowPendingPasswordChangeAttribute());
        group.MapPost("/2fa/setup", SetupTwoFactorAsync).WithName("SetupTwoFactor");
        group.MapPost("/2fa/enable", EnableTwoFactorAsync).WithName("EnableTwoFactor");
        group.MapPost("/2fa/disable", DisableTwoFactorAsync).WithName("DisableTwoFactor");
        return app;
    }

    public static async Task<Ok<UserProfile>> GetAsync(HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IUserGrain>(context.UserId()).GetProfileAsync());

    public static async Task<Ok<UserProfile>> UpdateAsync(UpdateProfileRequest request, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TypedResults.Ok(await grains.GetGrain<IUserGrain>(context.UserId())
            .UpdateProfileAsync(request.DisplayName, request.Email, request.CurrentPassword, context.ClientAddress()));
    }

    public static async Task<NoContent> ChangePasswordAsync(ChangePasswordRequest request, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        await grains.GetGrain<IUserGrain>(context.UserId()).ChangePasswordAsync(request.CurrentPassword ?? "", request.NewPassword ?? "", context.ClientAddress());
        return TypedResults.NoContent();
    }

    /// <summary>Body <c>{"password": "…"}</c>: turning 2FA on needs the current password, as turning it off does.</summary>
    public static async Task<Ok<TwoFactorSetup>> SetupTwoFactorAsync(TwoFactorCodeRequest? request, HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IUserGrain>(context.UserId()).BeginTwoFactorSetupAsync(request?.Password ?? "", context.ClientAddress()));

    public static async Task<Ok<TwoFactorEnabled>> EnableTwoFactorAsync(TwoFactorCodeRequest request, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TypedResults.Ok(new TwoFactorEnabled(await grains.GetGrain<IUserGrain>(context.UserId()).EnableTwoFactorAsync(request.Code ?? "", context.ClientAddress())));
    }

    public static async Task<NoContent> DisableTwoFactorAsync(TwoFactorCodeRequest request, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        await grains.GetGrain<IUserGrain>(context.UserId()).DisableTwoFactorAsync(request.Password ?? "", request.Code ?? "", context.ClientAddress());
        return TypedResults.NoContent();
    }
}
