using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;
using Xunit.Abstractions;

namespace Promisingness.E2E.Scale;

/// <summary>Two instances on one database and one Redis, as behind a load balancer that sends a person to either.</summary>
public sealed class TwoInstancesTests(TwoWikis wikis, ITestOutputHelper output) : IClassFixture<TwoWikis>
{
    private const string Password = "a passphrase for two instances";

    private async Task<string> AccountAsync(string email, string role = Roles.Researcher)
    {
        var admin = wikis.First.GetRequiredService<UserAdministration>();
        if ((await admin.ListAsync()).FirstOrDefault(u => u.Email == email) is { } existing)
        {
            return existing.Id;
        }
        return (await admin.AddUserAsync(UserAdministration.CommandLine.Id, email, email.Split('@')[0], role, 1, null, Password)).Id;
    }

    /// <summary>
    /// Posts the form that holds this field, with its hidden fields (the antiforgery token among them) and
    /// these values, to the other instance, with the browser's cookies, as a load balancer may route the post.
    /// (The page itself cannot: its Content-Security-Policy allows forms to post to their own origin only.)
    /// </summary>
    private static async Task<IAPIResponse> PostFormToAsync(IPage page, string field, string action, Dictionary<string, string> values)
    {
        var hidden = await page.EvaluateAsync<Dictionary<string, string>>(
            "field => Object.fromEntries([...document.querySelector(field).form.querySelectorAll('input[type=hidden]')].map(i => [i.name, i.value]))", field);
        var form = page.Context.APIRequest.CreateFormData();
        foreach (var (name, value) in hidden.Concat(values))
        {
            form.Set(name, value);
        }
        return await page.Context.APIRequest.PostAsync(action, new() { Form = form, MaxRedirects = 0 });
    }

    [ScaleFact]
    public async Task SignedInOnOne_TheOtherAcceptsItsCookieAndItsFormTokens()
    {
        await AccountAsync("roaming@example.org");
        var page = await wikis.NewPageAsync(wikis.FirstUrl);

        // The login form and its antiforgery token come from the first instance; the second takes the post.
        await page.GotoAsync("Account/Login");
        var login = await PostFormToAsync(page, "input[name='Input.Email']", wikis.SecondUrl + "Account/Login",
            new() { ["Input.Email"] = "roaming@example.org", ["Input.Password"] = Password });
        Assert.Equal(302, login.Status);

        // The cookie the second instance issued is a member's cookie on the first.
        await page.GotoAsync(wikis.FirstUrl + "inbox");
        await Assertions.Expect(page).ToHaveURLAsync(wikis.FirstUrl + "inbox");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        // A signed-in form of the first instance (its token bound to the member) is accepted by the second.
        var logout = await PostFormToAsync(page, "form[action='Account/Logout'] button", wikis.SecondUrl + "Account/Logout", []);
        Assert.Equal(302, logout.Status);
        await page.GotoAsync(wikis.FirstUrl + "inbox");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("Account/Login"));
        await page.Context.CloseAsync();
    }

    [ScaleFact]
    public async Task BothInstances_ReportRedisConnected_InTheirHealth()
    {
        using var http = new HttpClient();
        foreach (var url in new[] { wikis.FirstUrl, wikis.SecondUrl })
        {
            // Degraded would mean Redis is configured but away (RedisAwayTests).
            Assert.Equal("Healthy", await http.GetStringAsync(url + "healthz"));
        }
    }

    [ScaleFact]
    public async Task SavedOnOne_TheOtherNeverServesTheOldPageAfterTheSaveReturns()
    {
        var adminId = await AccountAsync(LiveWiki.AdminEmail, Roles.Admin);
        var editor = wikis.First.GetRequiredService<EntryEditor>();
        var created = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(adminId, EntryKind.Page, new EntryInput("Shared cache page", "Version 0", Visibility.Public, null)));
        using var reader = new HttpClient { BaseAddress = new Uri(wikis.SecondUrl) };
        var url = $"pages/{created.Slug}";

        var revision = created.RevisionNumber;
        var saves = new List<TimeSpan>();
        for (var version = 1; version <= 10; version++)
        {
            // Read on the second instance until its cache holds the page, then save on the first.
            Assert.Contains($"Version {version - 1}", await reader.GetStringAsync(url));
            Assert.Contains($"Version {version - 1}", await reader.GetStringAsync(url));
            var clock = Stopwatch.StartNew();
            var saved = Assert.IsType<SaveResult.Saved>(await editor.SaveAsync(adminId, created.EntryId, revision, new EntryInput("Shared cache page", $"Version {version}", Visibility.Public, null)));
            saves.Add(clock.Elapsed);
            revision = saved.RevisionNumber;

            Assert.Contains($"Version {version}", await reader.GetStringAsync(url));
        }
        // The second instance confirmed each eviction: none waited out the two-second limit.
        Assert.All(saves, save => Assert.True(save < TimeSpan.FromSeconds(1.5), $"a save took {save.TotalMilliseconds:0} ms"));
        output.WriteLine($"save on the first instance, eviction confirmed by the second: median {saves.Order().ElementAt(5).TotalMilliseconds:0.0} ms, slowest {saves.Max().TotalMilliseconds:0.0} ms");
    }

    [ScaleFact]
    public async Task CommentedOnOne_AppearsLiveOnTheOther_WithTheInboxCountWhoIsEditingAndWhoSaved()
    {
        var adminId = await AccountAsync(LiveWiki.AdminEmail, Roles.Admin);
        var adaId = await AccountAsync("ada.two@example.org");
        await AccountAsync("ben.two@example.org");
        // A shared team page: both researchers may discuss and edit it.
        var page = Assert.IsType<SaveResult.Saved>(await wikis.First.GetRequiredService<EntryEditor>()
            .CreateAsync(adminId, EntryKind.Page, new EntryInput("Two instances notes", "Notes kept on two instances.", Visibility.Team, null)));
        var discussions = wikis.First.GetRequiredService<Discussions>();

        // Ben reads the topic on the second instance and watches it, which also shows his circuit is live.
        var ben = await wikis.NewPageAsync(wikis.SecondUrl);
        await PageActions.SignInAsync(ben, "ben.two@example.org", Password);
        await ben.GotoAsync($"pages/{page.Slug}");
        var watch = ben.GetByTestId("watch");
        await PageActions.ClickWhenReadyAsync(watch);
        await Assertions.Expect(watch).ToHaveTextAsync("Stop watching");
        await Assertions.Expect(ben.Locator(".inbox-link__count")).Not.ToBeVisibleAsync();

        // Ada comments on the first instance.
        var outcome = await discussions.OpenAsync(adaId, page.EntryId, "Posted on the **first** instance.", null);
        Assert.Null(outcome.Error);

        await Assertions.Expect(ben.GetByTestId("thread").First).ToContainTextAsync("Posted on the first instance.");
        await Assertions.Expect(ben.Locator(".inbox-link__count")).ToHaveTextAsync("1");

        // Both open the editor, each on their own instance, and each sees the other there.
        var ada = await wikis.NewPageAsync(wikis.FirstUrl);
        await PageActions.SignInAsync(ada, "ada.two@example.org", Password);
        await ada.GotoAsync($"entries/{page.Slug}/edit");
        await ben.GotoAsync($"entries/{page.Slug}/edit");
        await Assertions.Expect(ada.GetByTestId("presence")).ToContainTextAsync("ben.two", new() { Timeout = 20_000 });
        await Assertions.Expect(ben.GetByTestId("presence")).ToContainTextAsync("ada.two", new() { Timeout = 20_000 });

        // Ada saves and leaves the editor; Ben's editor on the other instance hears of both.
        await PageActions.TypeBodyAsync(ada, "Edited on the first instance.", "Edited on the first");
        await PageActions.ClickWhenReadyAsync(ada.GetByTestId("save"));
        await Assertions.Expect(ada).ToHaveURLAsync(PageActions.UrlPattern($"**/pages/{page.Slug}"));
        await Assertions.Expect(ben.GetByTestId("saved-by-other")).ToContainTextAsync("ada.two just saved revision 2");
        await Assertions.Expect(ben.GetByTestId("presence")).Not.ToBeVisibleAsync();
        await ada.Context.CloseAsync();
        await ben.Context.CloseAsync();
    }
}
