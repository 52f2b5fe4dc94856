using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.E2E;

/// <summary>```mermaid fences drawn in the browser by the bundle the wiki serves, loaded only where there is one.</summary>
public sealed class DiagramTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Flow = "```mermaid\ngraph TD\n  A[Question asked] --> B[Estimate recorded]\n```";

    [BrowserFact]
    public async Task Visitor_SeesAMermaidFenceDrawn_ABrokenOneKeepsItsSourceWithTheReason_AndNothingBreaksTheRules()
    {
        var slug = await PublicPageAsync("Diagrams of the review", $"How a question moves:\n\n{Flow}\n\nAnd a broken one:\n\n```mermaid\ngraph TD\n  A[[[ -->\n```");
        var page = await wiki.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync($"pages/{slug}");

        var drawn = page.Locator("pre.diagram svg");
        await Assertions.Expect(drawn).ToHaveCountAsync(1);
        await Assertions.Expect(drawn).ToContainTextAsync("Estimate recorded");
        await Assertions.Expect(page.Locator("pre.diagram code")).ToBeHiddenAsync();
        var broken = page.Locator("pre[data-diagram=failed]");
        await Assertions.Expect(broken.Locator(".diagram__error")).ToContainTextAsync("could not be drawn");
        await Assertions.Expect(broken.Locator("code")).ToContainTextAsync("A[[[ -->");
        await Assertions.Expect(page.Locator("svg[aria-roledescription=error]")).ToHaveCountAsync(0);
        await PageActions.ScreenshotAsync(page, "diagram");
        // Mermaid reports a diagram it cannot read on the console itself; nothing else may (a CSP refusal would).
        Assert.DoesNotContain(errors, e => !e.Contains("Parse error", StringComparison.OrdinalIgnoreCase) && !e.Contains("Syntax error", StringComparison.OrdinalIgnoreCase));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task APageWithoutADiagram_DoesNotLoadTheBundle_AndAMembersPageDrawsItToo()
    {
        var slug = await PublicPageAsync("One diagram for members", Flow);
        var page = await wiki.NewPageAsync();
        var bundle = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("lib/mermaid", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref bundle);
            }
        };
        await page.GotoAsync("topics/in-context-learning");
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(0, bundle);

        await PageActions.SignInAsync(page, LiveWiki.AdminEmail, LiveWiki.AdminPassword);
        await page.GotoAsync($"pages/{slug}");
        await Assertions.Expect(page.Locator("pre.diagram svg")).ToContainTextAsync("Question asked");
        await page.Context.CloseAsync();
    }

    private async Task<string> PublicPageAsync(string title, string body)
    {
        var admin = (await wiki.Services.GetRequiredService<UserAdministration>().ListAsync()).Single(u => u.Email == LiveWiki.AdminEmail);
        var saved = Assert.IsType<SaveResult.Saved>(await wiki.Services.GetRequiredService<EntryEditor>().CreateAsync(admin.Id, EntryKind.Page, new EntryInput(title, body, Visibility.Public, null)));
        return saved.Slug;
    }
}
