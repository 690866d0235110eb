using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PyAirtable.Api.Problems;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.Grains.Security;
using PyAirtable.Grains.Users;
using PyAirtable.Runtime;

namespace PyAirtable.Api.Auth;

/// <summary><c>/api/v1/auth</c>: register, sign in, refresh, sign out.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/register", RegisterAsync).WithName("Register").AllowAnonymous();
        group.MapPost("/login", LoginAsync).WithName("Login").AllowAnonymous();
        group.MapPost("/refresh", RefreshAsync).WithName("Refresh").AllowAnonymous();
        group.MapPost("/logout", LogoutAsync).WithName("Logout").RequireAuthorization().WithMetadata(new AllowPendingPasswordChangeAttribute());
        group.MapPost("/logout-all", LogoutAllAsync).WithName("LogoutAll").RequireAuthorization().WithMetadata(new AllowPendingPasswordChangeAttribute());
        return app;
    }

    public static async Task<Created<RegisteredUser>> RegisterAsync(RegisterRequest request, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = Secrets.NewId();
        var profile = await grains.GetGrain<IUserGrain>(id).CreateAsync(
            new RegisterUserRequest(request.Email ?? "", request.Password ?? "", request.DisplayName, ClientAddress: context.ClientAddress()));
        return TypedResults.Created($"/api/v1/me", new RegisteredUser(profile.Id, profile.Email, profile.DisplayName));
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> LoginAsync(LoginBody request, HttpContext context, IGrainFactory grains, TokenService tokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            throw new ArgumentException("E-mail and password are required.");
        }

        var outcome = await grains.GetGrain<ILoginGrain>(EmailAddress.Normalize(request.Email))
            .LoginAsync(new LoginRequest(request.Password, request.TotpCode, context.ClientAddress()));
        return await ToResultAsync(outcome, context, tokens);
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(RefreshRequest request, HttpContext context, IGrainFactory grains, TokenService tokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (UserOf(request.RefreshToken) is not { } userId)
        {
            return InvalidRefreshToken();
        }

        var outcome = await grains.GetGrain<IUserGrain>(userId).RefreshAsync(request.RefreshToken!, context.ClientAddress());
        return outcome.Status == LoginStatus.Succeeded ? await ToResultAsync(outcome, context, tokens) : InvalidRefreshToken();
    }

    public static async Task<NoContent> LogoutAsync(RefreshRequest request, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        await grains.GetGrain<IUserGrain>(context.UserId()).LogoutAsync(request.RefreshToken ?? "", context.ClientAddress());
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> LogoutAllAsync(HttpContext context, IGrainFactory grains)
    {
        await grains.GetGrain<IUserGrain>(context.UserId()).LogoutAllAsync(context.ClientAddress());
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> ToResultAsync(LoginOutcome outcome, HttpContext context, TokenService tokens) => outcome.Status switch
    {
        LoginStatus.Succeeded => TypedResults.Ok(await tokens.IssueAsync(outcome.UserId!, outcome.SecurityStamp, outcome.RefreshToken!)),
        LoginStatus.TwoFactorRequired => TypedResults.Problem("This account uses two-factor authentication: send totpCode.", statusCode: StatusCodes.Status401Unauthorized, title: "Two-factor code required.", type: ProblemTypes.TwoFactorRequired),
        LoginStatus.Throttled => Throttled(context, outcome.RetryAfter ?? TimeSpan.FromSeconds(1)),
        _ => TypedResults.Problem("The e-mail address or password is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.", type: ProblemTypes.InvalidCredentials),
    };

    private static ProblemHttpResult Throttled(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem("Too many failed sign-ins; wait before trying again.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts.", type: ProblemTypes.TooManyRequests);
    }

    private static ProblemHttpResult InvalidRefreshToken() =>
        TypedResults.Problem("The refresh token is not valid; sign in again.", statusCode: StatusCodes.Status401Unauthorized, title: "Invalid refresh token.", type: ProblemTypes.Unauthorized);

    private static string? UserOf(string? refreshToken)
    {
        var dot = refreshToken?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return dot == 32 && refreshToken![..dot].All(char.IsAsciiHexDigitLower) ? refreshToken[..dot] : null;
    }
}
