using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using Promisingness.E2E.Infrastructure;

namespace Promisingness.E2E;

public sealed class AccountJourneyTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    [BrowserFact]
    public async Task Admin_InvitesAResearcher_WhoJoinsUsesTheInteractiveAppAndSignsOut()
    {
        var admin = await AccountsPageAsync();
        await PageActions.SelectAsync(admin, "Program", "MARS");
        await PageActions.SelectAsync(admin, "Team member", "Alfie Lamerton");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Make invitation link" }).ClickAsync();
        var linkBox = admin.GetByLabel("Invitation link", new() { Exact = true });
        await Assertions.Expect(linkBox).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/invite/"));
        var link = await linkBox.InputValueAsync();

        // A second invitation keeps the first one's link listed (it is shown only now), and Copy copies it.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Make invitation link" }).ClickAsync();
        var made = admin.GetByTestId("made-invitation");
        await Assertions.Expect(made).ToHaveCountAsync(2);
        await Assertions.Expect(made.Nth(1).GetByLabel("Invitation link", new() { Exact = true })).ToHaveValueAsync(link);
        await Assertions.Expect(made.Nth(0).GetByLabel("Invitation link", new() { Exact = true })).Not.ToHaveValueAsync(link);
        await admin.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await made.Nth(1).GetByRole(AriaRole.Button, new() { Name = "Copy the invitation link" }).ClickAsync();
        await Assertions.Expect(made.Nth(1).GetByRole(AriaRole.Status)).ToHaveTextAsync("Copied.");
        Assert.Equal(link, await admin.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
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
        await PageActions.WaitForUrlAsync(researcher, "**/topics?program=MARS", wiki);
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

    /// <summary>Without Smtp:Host the wiki writes its mail as .eml files beside the database: the link is read from there.</summary>
    [BrowserFact]
    public async Task Admin_InvitesByMail_AndTheMailsLinkLetsTheNewMemberJoinAndSignIn()
    {
        var admin = await AccountsPageAsync();
        await PageActions.SelectAsync(admin, "Role", "Mentor");
        await admin.Locator("[data-testid=invite-email] input, input[data-testid=invite-email]").First.FillAsync("mailed@example.org");
        await admin.GetByTestId("invite-button").ClickAsync();
        await Assertions.Expect(admin.GetByLabel("Invitation link", new() { Exact = true })).ToHaveValueAsync(new Regex("/invite/"));
        await Assertions.Expect(admin.GetByTestId("made-invitation")).ToContainTextAsync("For a mentor: mailed to mailed@example.org");
        await admin.Context.CloseAsync();

        var outbox = Path.Combine(Path.GetDirectoryName(wiki.DatabasePath)!, "outbox");
        MimeMessage? message = null;
        for (var waited = 0; message is null; waited += 50)
        {
            message = Directory.Exists(outbox)
                ? Directory.GetFiles(outbox, "*.eml").Select(f => MimeMessage.Load(f)).FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == "mailed@example.org"))
                : null;
            Assert.True(message is not null || waited < 15_000, "No mail to mailed@example.org in the outbox folder after 15 s.");
            await Task.Delay(message is null ? 50 : 0);
        }
        var link = Regex.Match(message.TextBody ?? "", @"https?://\S+/invite/\S+").Value;

        var member = await wiki.NewPageAsync();
        await member.GotoAsync(link);
        await Assertions.Expect(member.Locator("h1")).ToHaveTextAsync("Join the Promisingness Wiki");
        await member.GetByLabel("Your name").FillAsync("Mailed Mentor");
        await Assertions.Expect(member.GetByLabel("E-mail")).ToHaveValueAsync("mailed@example.org");
        await member.GetByLabel("Password (at least").FillAsync("a long passphrase for the mentor");
        await member.GetByLabel("The same password again").FillAsync("a long passphrase for the mentor");
        await member.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await PageActions.SignInAsync(member, "mailed@example.org", "a long passphrase for the mentor");
        await Assertions.Expect(member.Locator(".site-account")).ToContainTextAsync("Mailed Mentor");
        await member.Context.CloseAsync();
    }

    private async Task<IPage> AccountsPageAsync()
    {
        var admin = await wiki.NewPageAsync();
        await PageActions.SignInAsync(admin, LiveWiki.AdminEmail, LiveWiki.AdminPassword);
        await admin.GotoAsync("admin/users");
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Accounts");
        return admin;
    }
}
