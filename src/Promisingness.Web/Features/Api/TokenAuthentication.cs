using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Api;

/// <summary>
/// <c>Authorization: Bearer pw_…</c>. The member is loaded fresh on every request, so a member who loses a program or a
/// role loses it through their tokens at once, and a locked account's tokens stop. A request without the header is
/// anonymous; one with a token that is unknown, revoked or expired is answered 401 with a problem details body.
/// </summary>
public sealed class TokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokens tokens,
    WikiUsers users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";
    public const string ScopeClaim = "wiki:token-scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Bearer(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }
        var check = await tokens.CheckAsync(presented, Context.RequestAborted);
        if (check.Token is not { } token)
        {
            return AuthenticateResult.Fail(check.Refusal!);
        }
        var user = await users.LoadAsync(token.UserId, Context.RequestAborted);
        if (user is null || user.Locked)
        {
            return AuthenticateResult.Fail("The account this token belongs to is locked.");
        }
        // Capped at what the member may hold now: a write token of a member who may no longer edit reads and suggests.
        var scope = AccessTokens.MayHold(user, token.Scope) ? token.Scope : TokenScope.Suggest;
        Context.Features.Set(new ApiCaller(user, scope, token.Id, token.Name, token.AssistantName));
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Name), new Claim(ScopeClaim, scope.ToString().ToLowerInvariant())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await ApiProblems.Unauthorized(result.Failure?.Message ?? "Send a personal access token: Authorization: Bearer pw_…").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Forbidden("This token may not do that.").ExecuteAsync(Context);

    /// <summary>The token after "Bearer ", or null when the request carries none.</summary>
    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() is { Length: > 0 } token ? token : null;
    }
}

/// <summary>Who calls the API: a token's member and scope, or an anonymous visitor (who reads what the public reads).</summary>
public sealed record ApiCaller(WikiUser? User, TokenScope Scope, int? TokenId, string? TokenName, string? AssistantName)
{
    public static readonly ApiCaller Anonymous = new(null, TokenScope.Read, null, null, null);

    public static ApiCaller Of(HttpContext context) => context.Features.Get<ApiCaller>() ?? Anonymous;

    public bool May(TokenScope needed) => User is not null && Scope >= needed;

    /// <summary>What the audit log says of a write made through this token: what, the token, and its assistant.</summary>
    public string Wrote(string what) => $"{what} through token #{TokenId} \"{TokenName}\"" + (AssistantName is { } name ? $", by {name}" : "");
}
