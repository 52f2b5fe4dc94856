using System.Net;
using AngleSharp.Html.Parser;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Components.Account.Pages;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

public sealed class SignInTests : IDisposable
{
    private readonly WikiApp app = new(settings: new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "100" });

    public void Dispose() => app.Dispose();

    private static async Task<string?> ErrorOf(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")?.TextContent.Trim();

    [Fact]
    public async Task SignIn_SixthAttemptAfterFiveFailures_IsRefusedEvenWithTheRightPassword()
    {
        await Members.AddAsync(app, "r@test.local", Roles.Researcher, Members.Aisc);
        var client = Members.Client(app);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Members.PostLoginAsync(client, "r@test.local", "not the password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var right = await Members.PostLoginAsync(client, "r@test.local", Members.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(Login.InvalidSignIn, await ErrorOf(right));
        Assert.DoesNotContain("Sign out", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task SignIn_LockedAndUnknownAccounts_AreAnsweredAlike()
    {
        await Members.AddAsync(app, "locked@test.local", Roles.Researcher, Members.Aisc);
        var client = Members.Client(app);
        using (var ok = await Members.PostLoginAsync(client, "locked@test.local", Members.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        var users = await app.Get<Promisingness.Web.Features.Admin.UserAdministration>().ListAsync();
        await app.Get<Promisingness.Web.Features.Admin.UserAdministration>().LockAsync(
            Promisingness.Web.Features.Admin.UserAdministration.CommandLine.Id, users.Single(u => u.Email == "locked@test.local").Id);

        using var locked = await Members.PostLoginAsync(Members.Client(app), "locked@test.local", Members.Password);
        using var unknown = await Members.PostLoginAsync(Members.Client(app), "nobody@test.local", Members.Password);

        Assert.Equal(locked.StatusCode, unknown.StatusCode);
        Assert.Equal(await ErrorOf(unknown), await ErrorOf(locked));
    }

    [Fact]
    public async Task SignIn_WithAnOldWeakerHash_UpgradesItTo210000Iterations()
    {
        using var wiki = new WikiApp(fullPasswordHashing: true);
        await Members.AddAsync(wiki, "old@test.local", Roles.Researcher, Members.Aisc);
        var weak = new Microsoft.AspNetCore.Identity.PasswordHasher<Promisingness.Web.Data.ApplicationUser>(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.Identity.PasswordHasherOptions { IterationCount = 10_000 }));
        using (var db = wiki.CreateDbContext())
        {
            var user = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Email == "old@test.local");
            user.PasswordHash = weak.HashPassword(user, Members.Password);
            await db.SaveChangesAsync();
        }

        await Members.SignInAsync(wiki, "old@test.local");

        using var after = wiki.CreateDbContext();
        var hash = Convert.FromBase64String(after.Users.Single(u => u.Email == "old@test.local").PasswordHash!);
        Assert.Equal(210_000, (hash[5] << 24) | (hash[6] << 16) | (hash[7] << 8) | hash[8]);
    }

    [Fact]
    public async Task SignIn_LongPassphraseWithoutSymbolsOrDigits_IsAccepted()
    {
        await app.Get<Promisingness.Web.Features.Admin.UserAdministration>().AddUserAsync(
            Promisingness.Web.Features.Admin.UserAdministration.CommandLine.Id, "p@test.local", "P", Roles.Mentor, null, null, "correct horse battery staple");

        using var response = await Members.PostLoginAsync(Members.Client(app), "p@test.local", "correct horse battery staple");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

public sealed class SignInRateLimitTests : IDisposable
{
    private readonly WikiApp app = new(settings: new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "3" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task SignIn_FloodOfPosts_IsAnswered429WithAMessage()
    {
        var client = Members.Client(app);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await Members.PostLoginAsync(client, "x@test.local", "wrong password");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await Members.PostLoginAsync(client, "x@test.local", "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Wait a minute", await refused.Content.ReadAsStringAsync());
    }
}

public sealed class LockedAccountTests : IDisposable
{
    private readonly WikiApp app = new(settings: new Dictionary<string, string> { ["Security:RevalidationSeconds"] = "1" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Lock_SignedInUser_LosesAccessAtTheNextRevalidation()
    {
        await Members.AddAsync(app, "soon-locked@test.local", Roles.Researcher, Members.Aisc);
        var client = await Members.SignInAsync(app, "soon-locked@test.local");
        Assert.Contains("Sign out", await client.GetStringAsync("/topics"));
        var admin = app.Get<Promisingness.Web.Features.Admin.UserAdministration>();
        var id = (await admin.ListAsync()).Single(u => u.Email == "soon-locked@test.local").Id;

        await admin.LockAsync(Promisingness.Web.Features.Admin.UserAdministration.CommandLine.Id, id);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.DoesNotContain("Sign out", await client.GetStringAsync("/topics"));
    }
}
