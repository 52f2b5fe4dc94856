using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Api;

namespace Promisingness.Web.CommandLine;

/// <summary>tokens create | list | revoke: personal access tokens for scripts, assistants and tests.</summary>
internal static class TokenCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            throw new UsageException("tokens needs create, list or revoke.");
        }
        var tokens = services.GetRequiredService<AccessTokens>();
        switch (args[0].ToLowerInvariant())
        {
            case "create":
                return await CreateAsync(services, tokens, args[1..], output, error);
            case "list":
                {
                    var (_, options) = Arguments.Parse(args[1..], "--email");
                    var email = options.GetValueOrDefault("--email") ?? throw new UsageException("tokens list needs --email E.");
                    if (await UserIdAsync(services, email) is not { } userId)
                    {
                        await error.WriteLineAsync($"There is no account {email}.");
                        return 1;
                    }
                    var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                    foreach (var token in await tokens.ListAsync(userId))
                    {
                        var state = token.RevokedAt is not null ? "revoked" : token.ExpiresAt <= now ? "expired" : "active";
                        var lastUse = token.LastUsedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never used";
                        await output.WriteLineAsync($"{token.Id}\t{token.Name}\t{token.Scope.ToString().ToLowerInvariant()}\t{token.AssistantName ?? "-"}\texpires {token.ExpiresAt:yyyy-MM-dd}\t{lastUse}\t{state}");
                    }
                    return 0;
                }
            case "revoke":
                {
                    var (_, options) = Arguments.Parse(args[1..], "--id");
                    if (!int.TryParse(options.GetValueOrDefault("--id") ?? throw new UsageException("tokens revoke needs --id ID."), CultureInfo.InvariantCulture, out var id))
                    {
                        throw new UsageException("--id must be a token's number, as tokens list shows it.");
                    }
                    if (!await tokens.RevokeAsync(UserAdministration.CommandLine, id))
                    {
                        await error.WriteLineAsync($"There is no token {id}.");
                        return 1;
                    }
                    await output.WriteLineAsync($"Revoked token {id}: it is refused from now on.");
                    return 0;
                }
            default:
                throw new UsageException($"tokens {args[0]} is not a command: use create, list or revoke.");
        }
    }

    private static async Task<int> CreateAsync(IServiceProvider services, AccessTokens tokens, string[] args, TextWriter output, TextWriter error)
    {
        var (_, options) = Arguments.Parse(args, "--email", "--name", "--scope", "--assistant", "--days");
        var email = options.GetValueOrDefault("--email") ?? throw new UsageException("tokens create needs --email E.");
        var name = options.GetValueOrDefault("--name") ?? throw new UsageException("tokens create needs --name N.");
        var scopeText = options.GetValueOrDefault("--scope") ?? throw new UsageException("tokens create needs --scope S.");
        if (!Enum.TryParse<TokenScope>(scopeText, ignoreCase: true, out var scope) || !Enum.IsDefined(scope) || int.TryParse(scopeText, out _))
        {
            throw new UsageException("--scope must be read, comment, suggest or write.");
        }
        var days = AccessTokens.DefaultDays;
        if (options.TryGetValue("--days", out var daysText) && !int.TryParse(daysText, CultureInfo.InvariantCulture, out days))
        {
            throw new UsageException($"--days must be a number of days, from 1 to {AccessTokens.MaxDays}.");
        }
        if (await UserIdAsync(services, email) is not { } userId)
        {
            await error.WriteLineAsync($"There is no account {email}.");
            return 1;
        }
        switch (await tokens.CreateAsync(userId, new TokenRequest(name, scope, options.GetValueOrDefault("--assistant"), days)))
        {
            case TokenCreation.Created created:
                await output.WriteLineAsync($"Made token {created.Token.Id} \"{created.Token.Name}\" for {email} ({scope.ToString().ToLowerInvariant()}), expires {created.Token.ExpiresAt:yyyy-MM-dd}. It is shown only now:");
                await output.WriteLineAsync(created.Secret);
                return 0;
            case TokenCreation.Refused refused:
                await error.WriteLineAsync(refused.Message);
                return 1;
            default:
                throw new InvalidOperationException("Unknown token outcome.");
        }
    }

    private static async Task<string?> UserIdAsync(IServiceProvider services, string email)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync();
        var normalized = email.ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync();
    }
}
