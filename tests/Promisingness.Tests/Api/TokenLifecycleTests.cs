using System.Net;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Api;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Api;

/// <summary>
/// A token's life on each database: it is kept as a hash, checked on every call, noted when used, and stops at once
/// when it is revoked or expires, or when its member is demoted or locked.
/// </summary>
public class TokenLifecycleTests : MentorAppTest
{
    private AccessTokens Tokens => App.Get<AccessTokens>();

    private async Task<HttpStatusCode> StatusAsync(string token, string path)
    {
        using var response = await ApiCalls.Client(App, token).GetAsync(path);
        return response.StatusCode;
    }

    [DatabaseFact]
    public async Task Check_KnowsOnlyTheSecretShownOnce_AndNotesItsUse()
    {
        var secret = await ApiCalls.TokenAsync(App, Mentor, TokenScope.Read);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(secret, "/api/v1/entries"));
        Assert.Null((await Tokens.CheckAsync(secret + "x")).Token);
        var token = Assert.Single(await Tokens.ListAsync(Mentor));
        Assert.NotNull(token.LastUsedAt);
        using var db = App.CreateDbContext();
        Assert.False(await db.AccessTokens.AnyAsync(t => t.SecretHash.Contains(secret)));
    }

    [DatabaseFact]
    public async Task RevokedOrExpired_IsRefusedWith401()
    {
        var revoked = await ApiCalls.TokenAsync(App, Mentor, TokenScope.Read);
        var expired = await ApiCalls.TokenAsync(App, Mentor, TokenScope.Read);
        var mentor = await App.Get<WikiUsers>().LoadAsync(Mentor);
        var ids = (await Tokens.ListAsync(Mentor)).Select(t => t.Id).Order().ToList();
        Assert.True(await Tokens.RevokeAsync(mentor!, ids[0]));
        using (var db = App.CreateDbContext())
        {
            await db.AccessTokens.Where(t => t.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(revoked, "/api/v1/entries"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(expired, "/api/v1/entries"));
    }

    [DatabaseFact]
    public async Task ADemotedMentor_LosesDraftsThroughTheTokenAtOnce_AndALockedOneEverything()
    {
        Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput("Draft note", "Only for the mentor.", Visibility.Draft, null, "")));
        var author = await Members.AddAsync(App, "other-mentor@test.local", Roles.Mentor);
        var secret = await ApiCalls.TokenAsync(App, author, TokenScope.Read);
        var admin = await App.AdminIdAsync();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(secret, "/api/v1/entries/draft-note"));

        await App.Get<UserAdministration>().ChangeRoleAsync(admin, author, Roles.Researcher, Members.Aisc);
        var demoted = await StatusAsync(secret, "/api/v1/entries/draft-note");
        await App.Get<UserAdministration>().LockAsync(admin, author);
        var locked = await StatusAsync(secret, "/api/v1/entries/goal");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Unauthorized), (demoted, locked));
    }

    [DatabaseFact]
    public async Task MachineAccessOff_RefusesEveryCall_UntilSwitchedOnAgain()
    {
        var secret = await ApiCalls.TokenAsync(App, Mentor, TokenScope.Read);
        var access = App.Get<MachineAccess>();
        var admin = await App.Get<WikiUsers>().LoadAsync(await App.AdminIdAsync());
        var mentor = await App.Get<WikiUsers>().LoadAsync(Mentor);

        Assert.False(await access.SetAsync(mentor!, on: false));
        Assert.True(await access.SetAsync(admin!, on: false));
        using var anonymous = await ApiCalls.Client(App).GetAsync("/api/v1/entries");
        var withToken = await StatusAsync(secret, "/api/v1/entries");
        await access.SetAsync(admin!, on: true);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (anonymous.StatusCode, withToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(secret, "/api/v1/entries"));
        using var db = App.CreateDbContext();
        Assert.Equal(2, await db.Activities.CountAsync(a => a.Action == AuditActions.MachineAccessChanged));
    }
}

[OnPostgres]
public sealed class TokenLifecycleOnPostgresTests : TokenLifecycleTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
