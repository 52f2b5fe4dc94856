using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Api;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Api;

/// <summary>tokens create | list | revoke, through the same entry the executable uses.</summary>
public sealed class TokenCommandsTests : IAsyncLifetime
{
    private const string Email = "ada@test.local";
    private readonly WikiApp app = new(seed: false);

    public async Task InitializeAsync() => await Members.AddAsync(app, Email, Roles.Researcher, Members.Aisc);

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => Verbs.RunAsync(app, args);

    [Fact]
    public async Task Create_PrintsTheSecretOnce_AndKeepsOnlyItsHash()
    {
        var (exit, output, _) = await RunAsync("tokens", "create", "--email", Email, "--name", "reader script", "--scope", "comment", "--assistant", "Claude", "--days", "30");

        Assert.Equal(0, exit);
        var secret = output.Trim().Split('\n')[^1].Trim();
        Assert.StartsWith(AccessTokens.Prefix, secret, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        var token = await db.AccessTokens.SingleAsync();
        Assert.Equal(("reader script", TokenScope.Comment, "Claude"), (token.Name, token.Scope, token.AssistantName));
        Assert.Equal(AccessTokens.Hash(secret), token.SecretHash);
        Assert.Equal(TimeSpan.FromDays(30), token.ExpiresAt - token.CreatedAt);
        Assert.True(await db.Activities.AnyAsync(a => a.Action == AuditActions.TokenCreated && a.ActorName == "ada"));
    }

    [Fact]
    public async Task Create_LongerThanAYear_IsRefusedAndMakesNothing()
    {
        var (exit, _, error) = await RunAsync("tokens", "create", "--email", Email, "--name", "n", "--scope", "read", "--days", "366");

        Assert.Equal(1, exit);
        Assert.Contains("from 1 to 365 days", error);
        await using var db = app.CreateDbContext();
        Assert.False(await db.AccessTokens.AnyAsync());
    }

    [Fact]
    public async Task Create_UnknownScope_PrintsTheUsage()
    {
        var (exit, _, error) = await RunAsync("tokens", "create", "--email", Email, "--name", "n", "--scope", "admin");

        Assert.Equal(2, exit);
        Assert.Contains("--scope must be read, comment, suggest or write.", error);
    }

    [Fact]
    public async Task Create_WriteForALockedAccount_IsRefused()
    {
        await RunAsync("users", "lock", "--email", Email);

        var (exit, _, error) = await RunAsync("tokens", "create", "--email", Email, "--name", "n", "--scope", "write");

        Assert.Equal(1, exit);
        Assert.Contains("may not make tokens", error);
    }

    [Fact]
    public async Task Create_UnknownAccount_SaysSo()
    {
        var (exit, _, error) = await RunAsync("tokens", "create", "--email", "nobody@test.local", "--name", "n", "--scope", "read");

        Assert.Equal(1, exit);
        Assert.Contains("There is no account nobody@test.local.", error);
    }

    [Fact]
    public async Task ListAndRevoke_ShowTheStateAndAuditTheRevocation()
    {
        await RunAsync("tokens", "create", "--email", Email, "--name", "first", "--scope", "read");
        await using var db = app.CreateDbContext();
        var id = await db.AccessTokens.Select(t => t.Id).SingleAsync();

        var (listExit, before, _) = await RunAsync("tokens", "list", "--email", Email);
        var (revokeExit, revoked, _) = await RunAsync("tokens", "revoke", "--id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (_, after, _) = await RunAsync("tokens", "list", "--email", Email);
        var (missingExit, _, missing) = await RunAsync("tokens", "revoke", "--id", "9999");

        Assert.Equal((0, 0, 1), (listExit, revokeExit, missingExit));
        Assert.Contains("first\tread\t-\texpires", before);
        Assert.Contains("never used\tactive", before);
        Assert.Contains($"Revoked token {id}", revoked);
        Assert.EndsWith("revoked", after.Trim(), StringComparison.Ordinal);
        Assert.Contains("There is no token 9999.", missing);
        Assert.True(await db.Activities.AnyAsync(a => a.Action == AuditActions.TokenRevoked));
    }
}
