using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Api;

/// <summary>What a member asks for when making a token; <see cref="Days"/> is how long it lasts.</summary>
public sealed record TokenRequest(string Name, TokenScope Scope, string? AssistantName, int Days);

/// <summary>A token as its member sees it in the list: never its secret.</summary>
public sealed record TokenView(int Id, string Name, TokenScope Scope, string? AssistantName, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool Active(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

public abstract record TokenCreation
{
    /// <summary>The secret is shown once, now; only its hash is kept.</summary>
    public sealed record Created(TokenView Token, string Secret) : TokenCreation;

    /// <summary>Nothing was made; the message belongs beside <see cref="Field"/> (a property of <see cref="TokenRequest"/>).</summary>
    public sealed record Refused(string Field, string Message) : TokenCreation;
}

/// <summary>A presented token that names its member, or why it does not.</summary>
public sealed record TokenCheck(AccessToken? Token, string? Refusal);

/// <summary>
/// Personal access tokens: a member makes one with a scope and an expiry of at most a year; it acts as its member
/// and never beyond them (every request reloads the member and asks EntryPermissions). Making and revoking one is
/// audited; the secret is 256 random bits (as an invitation's) behind a recognizable prefix, and only its SHA-256 is stored.
/// </summary>
public sealed class AccessTokens(IDbContextFactory<WikiDbContext> dbFactory, WikiUsers users, Audit audit, TimeProvider clock)
{
    public const string Prefix = "pw_";
    public const int MaxDays = 365;
    public const int DefaultDays = 90;

    /// <summary>Last use is written at most this often per token, so that a busy script does not write on every call.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public async Task<TokenCreation> CreateAsync(string userId, TokenRequest request, CancellationToken cancellationToken = default)
    {
        var user = await users.LoadAsync(userId, cancellationToken);
        if (user is null || user.Locked)
        {
            return new TokenCreation.Refused(nameof(TokenRequest.Name), "This account may not make tokens.");
        }
        var name = request.Name.Trim();
        var assistant = string.IsNullOrWhiteSpace(request.AssistantName) ? null : request.AssistantName.Trim();
        if (Problem(user, request with { Name = name, AssistantName = assistant }) is { } refused)
        {
            return refused;
        }
        var secret = Prefix + InvitationTokens.New();
        var now = clock.GetUtcNow();
        var token = new AccessToken
        {
            Name = name,
            UserId = user.Id,
            Scope = request.Scope,
            AssistantName = assistant,
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = now.AddDays(request.Days),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AccessTokens.Add(token);
        audit.Add(db, user, AuditActions.TokenCreated, $"token \"{name}\" ({Describe(token)}), expires {token.ExpiresAt:yyyy-MM-dd}");
        await db.SaveChangesAsync(cancellationToken);
        return new TokenCreation.Created(View(token), secret);
    }

    /// <summary>A member's tokens, newest first, revoked and expired ones included (they say when they were last used).</summary>
    public async Task<IReadOnlyList<TokenView>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return [.. tokens.Select(View)];
    }

    /// <summary>Revokes a token of the actor's own, or any token for an admin. False when there is no such token.</summary>
    public async Task<bool> RevokeAsync(WikiUser actor, int tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
        if (token is null || actor.Locked || (token.UserId != actor.Id && !actor.IsAdmin))
        {
            return false;
        }
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow();
            audit.Add(db, actor, AuditActions.TokenRevoked, $"token #{token.Id} \"{token.Name}\"");
            await db.SaveChangesAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>The token a caller presented, if it is known, unrevoked and unexpired; its last use is noted.</summary>
    public async Task<TokenCheck> CheckAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new TokenCheck(null, "This is not a token of this wiki.");
        }
        var hash = Hash(presented);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.SecretHash == hash, cancellationToken);
        var now = clock.GetUtcNow();
        if (token is null)
        {
            return new TokenCheck(null, "This token is not known to this wiki.");
        }
        if (token.RevokedAt is not null)
        {
            return new TokenCheck(null, "This token was revoked.");
        }
        if (token.ExpiresAt <= now)
        {
            return new TokenCheck(null, "This token has expired. Make a new one on your account page.");
        }
        if (token.LastUsedAt is not { } last || now - last >= LastUseResolution)
        {
            await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
            token.LastUsedAt = now;
        }
        return new TokenCheck(token, null);
    }

    /// <summary>Whether a member may hold a token of this scope: direct edits only for members who may edit.</summary>
    public static bool MayHold(WikiUser user, TokenScope scope) =>
        !user.Locked && (scope != TokenScope.Write || Roles.All.Contains(user.Role));

    public static string Hash(string secret) => InvitationTokens.Hash(secret);

    public static string Describe(AccessToken token) =>
        token.Scope.ToString().ToLowerInvariant() + (token.AssistantName is { } assistant ? $", for {assistant}" : "");

    private static TokenCreation.Refused? Problem(WikiUser user, TokenRequest request) =>
        request.Name.Length == 0 ? new(nameof(TokenRequest.Name), "Give the token a name, e.g. the script or the assistant that will use it.")
        : request.Name.Length > AccessToken.NameMaxLength ? new(nameof(TokenRequest.Name), $"A token's name can have at most {AccessToken.NameMaxLength} characters.")
        : request.AssistantName?.Length > AccessToken.AssistantNameMaxLength ? new(nameof(TokenRequest.AssistantName), $"An assistant's name can have at most {AccessToken.AssistantNameMaxLength} characters.")
        : !Enum.IsDefined(request.Scope) ? new(nameof(TokenRequest.Scope), "Choose read, comment, suggest or write.")
        : !MayHold(user, request.Scope) ? new(nameof(TokenRequest.Scope), "Only members who may edit entries can make a token that writes.")
        : request.Days is < 1 or > MaxDays ? new(nameof(TokenRequest.Days), $"A token lasts from 1 to {MaxDays} days.")
        : null;

    private static TokenView View(AccessToken t) => new(t.Id, t.Name, t.Scope, t.AssistantName, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}
