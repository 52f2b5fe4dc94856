using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Security;

namespace Promisingness.E2E;

/// <summary>
/// Text typed and not yet saved survives the server going away under an open editor (a deploy, a crash):
/// after the restart the writer is still signed in and is offered the text back. A class of its own,
/// because restarting the server would cut off other tests sharing it.
/// </summary>
public sealed class ServerRestartTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Email = "restart@example.org";
    private const string Password = "a passphrase across restarts";
    private const string Typed = "Half of a new goal, typed just before the server went down.";

    [BrowserFact]
    public async Task TextTypedButNotSaved_SurvivesAServerRestart_AndIsOfferedBack()
    {
        await wiki.Services.GetRequiredService<UserAdministration>()
            .AddUserAsync(UserAdministration.CommandLine.Id, Email, "Restart Tester", Roles.Researcher, 1, null, Password);
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, Email, Password);
        await page.GotoAsync("entries/goal/edit");
        await PageActions.TypeBodyAsync(page, Typed, "typed just before");
        await WaitForTheAutosaveAsync();

        await wiki.RestartAsync();

        await page.GotoAsync("entries/goal/edit");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("draft-offer")).ToBeVisibleAsync();
        var body = page.Locator(".editor-body textarea");
        await PageActions.ClickWhenReadyAsync(page.GetByRole(AriaRole.Button, new() { Name = "Bring it back" }));
        await Assertions.Expect(body).ToHaveValueAsync(Typed);
        await using (var db = await Database().CreateDbContextAsync())
        {
            // Offered back, not saved behind the writer's back.
            Assert.DoesNotContain("typed just before", await db.Entries.Where(e => e.Slug == "goal").Select(e => e.BodyMarkdown).SingleAsync(), StringComparison.Ordinal);
        }
        await page.Context.CloseAsync();
    }

    private async Task WaitForTheAutosaveAsync()
    {
        for (var waited = 0; waited < 15_000; waited += 250)
        {
            await using var db = await Database().CreateDbContextAsync();
            if (await db.EditDrafts.AnyAsync(d => d.Body == Typed))
            {
                return;
            }
            await Task.Delay(250);
        }
        Assert.Fail("The editor did not autosave the typed text within 15 s.");
    }

    private IDbContextFactory<WikiDbContext> Database() => wiki.Services.GetRequiredService<IDbContextFactory<WikiDbContext>>();
}
