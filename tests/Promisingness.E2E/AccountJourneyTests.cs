using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;

namespace Promisingness.E2E;

public sealed class AccountJourneyTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    [BrowserFact]
    public async Task Admin_InvitesAResearcher_WhoJoinsUsesTheInteractiveAppAndSignsOut()
    {
        var admin = await wiki.NewPageAsync();
        await PageActions.SignInAsync(admin, LiveWiki.AdminEmail, LiveWiki.AdminPassword);
        await admin.GotoAsync("admin/users");
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Accounts");
        await PageActions.SelectAsync(admin, "Program", "MARS");
        await PageActions.SelectAsync(admin, "Team member", "Alfie Lamerton");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Make invitation link" }).ClickAsync();
        var linkBox = admin.GetByLabel("Invitation link");
        await Assertions.Expect(linkBox).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/invite/"));
        var link = await linkBox.InputValueAsync();
        await PageActions.ScreenshotAsync(admin, "admin-users");
        await admin.Context.CloseAsync();

        var researcher = await wiki.NewPageAsync();
        await researcher.GotoAsync(link);
        await Assertions.Expect(researcher.Locator("h1")).ToHaveTextAsync("Join the Promisingness Wiki");
        await Assertions.Expect(researcher.GetByLabel("Your name")).ToHaveValueAsync("Alfie Lamerton");
        await researcher.GetByLabel("E-mail").FillAsync("alfie@example.org");
        await researcher.GetByLabel("Password (at least").FillAsync("a long passphrase for alfie");
        await researcher.GetByLabel("The same password again").FillAsync("a long passphrase for alfie");
        await researcher.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Assertions.Expect(researcher.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Assertions.Expect(researcher.Locator(".site-account")).ToContainTextAsync("Alfie Lamerton");
        await Assertions.Expect(researcher.Locator(".site-account")).ToContainTextAsync("MARS");

        await researcher.GotoAsync("topics");
        await PageActions.SelectAsync(researcher, "Researchers' program", "MARS");
        await researcher.WaitForURLAsync("**/topics?program=MARS");
        await Assertions.Expect(researcher.GetByRole(AriaRole.Link, new() { Name = "In-context Learning" })).ToBeVisibleAsync();
        await Assertions.Expect(researcher.GetByRole(AriaRole.Link, new() { Name = "Weak to Strong Generalization" })).ToHaveCountAsync(0);
        await PageActions.ScreenshotAsync(researcher, "member-topics");

        await researcher.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(researcher.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

        var again = await wiki.NewPageAsync();
        await again.GotoAsync(link);
        await Assertions.Expect(again.Locator("h1")).ToHaveTextAsync("This invitation cannot be used");
        await again.Context.CloseAsync();
        await researcher.Context.CloseAsync();
    }
}
