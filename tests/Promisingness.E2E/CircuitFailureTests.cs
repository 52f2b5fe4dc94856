using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Security;

namespace Promisingness.E2E;

/// <summary>What a member sees when the server fails under their live page, and when their account is locked meanwhile.</summary>
public sealed class CircuitFailureTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Password = "a passphrase for failures";

    private async Task<(IPage Page, string UserId)> SignedInAsync(string email)
    {
        var user = await wiki.Services.GetRequiredService<UserAdministration>().AddUserAsync(UserAdministration.CommandLine.Id, email, email.Split('@')[0], Roles.Researcher, 1, null, Password);
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, email, Password);
        return (page, user.Id);
    }

    private async Task SqlAsync(string sql)
    {
        await using var db = await wiki.Services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [BrowserFact]
    public async Task Member_WhoseClickHitsABrokenDatabase_SeesAReferenceAndCanCarryOn()
    {
        var (page, _) = await SignedInAsync("failure@example.org");
        await page.GotoAsync("topics/weak-to-strong-generalization");
        var watch = page.GetByTestId("watch");
        // Once the circuit is live, the button answers; then the table it writes to goes away.
        await PageActions.ClickWhenReadyAsync(watch);
        await Assertions.Expect(watch).ToHaveTextAsync("Stop watching");
        await SqlAsync("ALTER TABLE Watches RENAME TO WatchesGone");
        try
        {
            await watch.ClickAsync();
            var failure = page.GetByTestId("circuit-failure");
            await Assertions.Expect(failure).ToBeVisibleAsync();
            await Assertions.Expect(failure.GetByTestId("error-reference")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{12}$"));
            Assert.DoesNotContain("Exception", await page.Locator("main").InnerTextAsync());
            await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }
        finally
        {
            await SqlAsync("ALTER TABLE WatchesGone RENAME TO Watches");
        }

        // The circuit lives on: the next page works without a reload.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Questions" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Brainstorming questions");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Member_LockedWhileEditing_IsRefusedOnSaveWithTheReasonAndKeepsTheText()
    {
        var (page, userId) = await SignedInAsync("locked-later@example.org");
        await page.GotoAsync("entries/goal/edit");
        await PageActions.TypeBodyAsync(page, "Text typed before the lock.", "Text typed before");

        await wiki.Services.GetRequiredService<UserAdministration>().LockAsync(UserAdministration.CommandLine.Id, userId);
        await page.GetByTestId("save").ClickAsync();

        // Said at the top and beside Save, where the writer looks.
        await Assertions.Expect(page.Locator(".mud-alert").GetByText("Your account is locked, so nothing was saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("save-outcome")).ToHaveTextAsync("Not saved: Your account is locked, so nothing was saved. Ask an admin to unlock it.");
        await PageActions.ScreenshotAsync(page, "editor-save-refused");
        await Assertions.Expect(page.Locator(".editor-body textarea")).ToHaveValueAsync("Text typed before the lock.");
        await using var db = await wiki.Services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Revisions.AnyAsync(r => r.AuthorUserId == userId));
        await page.Context.CloseAsync();
    }
}
