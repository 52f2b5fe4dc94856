using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Security;

namespace Promisingness.E2E;

/// <summary>The wiki works in a real browser under its Content-Security-Policy, and the browser reports no violation.</summary>
public sealed class ContentSecurityPolicyTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Password = "a passphrase under the policy";

    [BrowserFact]
    public async Task Member_EditsAndPicksFromAMudSelect_UnderTheCsp_WithNoViolation()
    {
        await wiki.Services.GetRequiredService<UserAdministration>()
            .AddUserAsync(UserAdministration.CommandLine.Id, "csp@example.org", "Csp Tester", Roles.Researcher, 1, null, Password);
        var page = await wiki.NewPageAsync();
        var violations = await CspViolations.WatchAsync(page);

        await page.GotoAsync("");
        await page.GotoAsync("topics/weak-to-strong-generalization");
        await PageActions.SignInAsync(page, "csp@example.org", Password);
        await page.GotoAsync("new/page");
        await PageActions.TypeBodyAsync(page, "Written under a strict **policy**.", "Written under a strict");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Under the policy");
        await PageActions.SelectAsync(page, "Who can read it", "Team");
        await page.GetByTestId("save").ClickAsync();
        await PageActions.WaitForUrlAsync(page, "**/pages/under-the-policy", wiki);
        await Assertions.Expect(page.Locator("main strong")).ToHaveTextAsync("policy");
        await using (var db = await wiki.Services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync())
        {
            // What was picked in the select is what was saved.
            Assert.Equal(Visibility.Team, await db.Entries.Where(e => e.Slug == "under-the-policy").Select(e => e.Visibility).SingleAsync());
        }
        await page.GotoAsync("Account/Manage");
        await Assertions.Expect(page.Locator("h1, h2, h3").First).ToBeVisibleAsync();

        Assert.Empty(await violations.ListAsync());
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Page_TryingAnInlineScript_IsBlockedByThePolicy()
    {
        var page = await wiki.NewPageAsync();
        var violations = await CspViolations.WatchAsync(page);
        await page.GotoAsync("topics");

        // What a sanitizer miss would amount to: an inline script in the page. The policy must stop it.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1'; document.body.appendChild(s); }");

        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned === 1"));
        Assert.Contains(await violations.ListAsync(), v => v.StartsWith("script-src", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }
}
