using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.CommandLine;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Mail;

/// <summary>What the wiki mails, received by a real SMTP server and followed with the HTTP client as a person would.</summary>
public sealed partial class MailDeliveryTests : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = new();
    private readonly WikiApp app;
    private string admin = "";

    public MailDeliveryTests() => app = new WikiApp(settings: smtp.Settings());

    public async Task InitializeAsync() => admin = await app.AdminIdAsync();

    public async Task DisposeAsync()
    {
        app.Dispose();
        await smtp.DisposeAsync();
    }

    [GeneratedRegex(@"https://wiki\.test\.example/\S+")]
    private static partial Regex WikiLink();

    /// <summary>The one link to the wiki a message carries, the same in both parts; and what a well-made message has.</summary>
    private static Uri LinkIn(MimeMessage message)
    {
        Assert.Equal("wiki@test.example", message.From.Mailboxes.Single().Address);
        Assert.False(string.IsNullOrEmpty(message.MessageId));
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.NotNull(message.TextBody);
        Assert.NotNull(message.HtmlBody);
        Assert.DoesNotContain("<img", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        var inText = WikiLink().Matches(message.TextBody).Select(m => m.Value).Distinct().ToList();
        var link = Assert.Single(inText);
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(link)}\"", message.HtmlBody, StringComparison.Ordinal);
        return new Uri(link);
    }

    [Fact]
    public async Task Invitation_WithAnAddress_ArrivesAndItsLinkCreatesTheAccount()
    {
        var (_, token) = await app.Get<Invitations>().CreateAsync(admin, Roles.Researcher, Members.Aisc, null, "invited@example.org");

        var message = Assert.Single(await smtp.WaitForAsync("invited@example.org"));
        Assert.Equal("You are invited to the Promisingness Wiki", message.Subject);
        Assert.Contains("as a researcher of", message.TextBody, StringComparison.Ordinal);
        var link = LinkIn(message);
        Assert.Equal(app.Get<Invitations>().LinkFor(token, null), link);
        using var db = app.CreateDbContext();
        Assert.Equal(message.MessageId, (await db.Outbox.SingleAsync(m => m.To == "invited@example.org")).MessageId);

        var client = Members.Client(app);
        var (response, _) = await Forms.PostAsync(client, link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Invited Person",
            ["Input.Email"] = "invited@example.org",
            ["Input.Password"] = "a new member's passphrase",
            ["Input.ConfirmPassword"] = "a new member's passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Members.SignInAsync(app, "invited@example.org", "a new member's passphrase");
    }

    [Fact]
    public async Task Invitation_WithABadAddress_IsRefusedAndNothingIsQueued()
    {
        var refused = await Assert.ThrowsAsync<AccountException>(() => app.Get<Invitations>().CreateAsync(admin, Roles.Mentor, null, null, "not an address"));

        Assert.Contains("not an e-mail address", refused.Message, StringComparison.Ordinal);
        using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Outbox.CountAsync());
        Assert.Equal(0, await db.Invitations.CountAsync());
    }

    [Fact]
    public async Task ForgotPassword_MailsALinkThatChangesThePassword_AndTheOldOneStopsWorking()
    {
        await Members.AddAsync(app, "forgetful@example.org", Roles.Researcher, Members.Aisc);
        var client = Members.Client(app);

        var (asked, _) = await Forms.PostAsync(client, "/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = "forgetful@example.org" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);

        var message = Assert.Single(await smtp.WaitForAsync("forgetful@example.org"));
        Assert.Equal("Choose a new password for the Promisingness Wiki", message.Subject);
        var link = LinkIn(message);
        Assert.StartsWith("/Account/ResetPassword?code=", link.PathAndQuery, StringComparison.Ordinal);
        var (reset, _) = await Forms.PostAsync(client, link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = "forgetful@example.org",
            ["Input.Password"] = "the new passphrase",
            ["Input.ConfirmPassword"] = "the new passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("ResetPasswordConfirmation", reset.Headers.Location?.ToString(), StringComparison.Ordinal);

        using var old = await Members.PostLoginAsync(Members.Client(app), "forgetful@example.org", Members.Password);
        Assert.NotEqual(HttpStatusCode.Redirect, old.StatusCode);
        await Members.SignInAsync(app, "forgetful@example.org", "the new passphrase");
        // The token is spent with the password it changed.
        var (again, _) = await Forms.PostAsync(Members.Client(app), link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = "forgetful@example.org",
            ["Input.Password"] = "a third passphrase",
            ["Input.ConfirmPassword"] = "a third passphrase",
        });
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_AnswersTheSame_ForAKnownAndAnUnknownAddress()
    {
        await Members.AddAsync(app, "known@example.org", Roles.Mentor);

        var (known, _) = await Forms.PostAsync(Members.Client(app), "/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = "known@example.org" });
        var (unknown, _) = await Forms.PostAsync(Members.Client(app), "/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = "unknown@example.org" });

        // The same redirect to the same page (the bodies differ only in their antiforgery tokens).
        Assert.Equal((HttpStatusCode.Redirect, known.Headers.Location), (unknown.StatusCode, unknown.Headers.Location));
        using var db = app.CreateDbContext();
        Assert.Equal(["known@example.org"], await db.Outbox.Select(m => m.To).ToListAsync());
    }

    [Fact]
    public async Task AdminReset_MailsTheLinkItReturns_AndWritesTheAuditLog()
    {
        var member = await Members.AddAsync(app, "locked-out@example.org", Roles.Researcher, Members.Mars);

        var link = await app.Get<UserAdministration>().StartPasswordResetAsync(admin, member, null);

        Assert.Equal(link, LinkIn(Assert.Single(await smtp.WaitForAsync("locked-out@example.org"))));
        var audit = (await app.Get<AuditLog>().PageAsync(admin, AuditActions.PasswordResetStarted))!.Rows;
        Assert.Contains("locked-out@example.org", Assert.Single(audit).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminReset_ByANonAdmin_IsRefusedAndSendsNothing()
    {
        var mentor = await Members.AddAsync(app, "mentor@example.org", Roles.Mentor);
        var member = await Members.AddAsync(app, "target@example.org", Roles.Researcher, Members.Mars);

        await Assert.ThrowsAsync<AccountException>(() => app.Get<UserAdministration>().StartPasswordResetAsync(mentor, member, null));

        using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [Fact]
    public async Task IdentityPagesMail_GoesThroughTheOutbox_WithTheLinkTheyGaveDecoded()
    {
        // The template's pages (confirm an address, change it) hand their links over HTML-encoded.
        const string link = "https://wiki.test.example/Account/ConfirmEmail?userId=u1&code=abc";
        var user = new ApplicationUser { UserName = "confirm@example.org", Email = "confirm@example.org", DisplayName = "Confirm" };

        await app.Get<IEmailSender<ApplicationUser>>().SendConfirmationLinkAsync(user, "confirm@example.org", HtmlEncoder.Default.Encode(link));

        var message = Assert.Single(await smtp.WaitForAsync("confirm@example.org"));
        Assert.Equal("Confirm your e-mail address for the Promisingness Wiki", message.Subject);
        Assert.Equal(link, LinkIn(message).AbsoluteUri);
    }

    [Fact]
    public async Task ResendConfirmation_AskedAtAnotherAddress_MailsALinkOnThePublicUrl()
    {
        await Members.AddAsync(app, "unconfirmed@example.org", Roles.Researcher, Members.Aisc);

        // The test client asks at http://localhost/; the link must point where readers reach the wiki.
        await Forms.PostAsync(Members.Client(app), "/Account/ResendEmailConfirmation", new Dictionary<string, string> { ["Input.Email"] = "unconfirmed@example.org" });

        var link = LinkIn(Assert.Single(await smtp.WaitForAsync("unconfirmed@example.org")));
        Assert.StartsWith("/Account/ConfirmEmail?userId=", link.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminMailPage_SaysWhereMailGoes_ShowsItsEmptyState_ThenTheMessages()
    {
        var client = await Members.SignInAsync(app, WikiApp.AdminEmail, WikiApp.AdminPassword);

        var empty = await client.GetStringAsync("/admin/mail");
        Assert.Contains($"127.0.0.1:{smtp.Port}", empty, StringComparison.Ordinal);
        Assert.Contains("No mail has been sent yet", empty, StringComparison.Ordinal);

        await app.Get<Invitations>().CreateAsync(admin, Roles.Mentor, null, null, "listed@example.org");
        var listed = await client.GetStringAsync("/admin/mail");
        Assert.Contains("listed@example.org", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("No mail has been sent yet", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLine_InviteAndReset_QueueTheMailAndPrintTheLink()
    {
        await Members.AddAsync(app, "cli-member@example.org", Roles.Mentor);

        var invite = await RunAsync("users", "invite", "--email", "cli-invited@example.org", "--role", "researcher", "--program", "AISC");
        var reset = await RunAsync("users", "reset", "--email", "cli-member@example.org");

        Assert.Equal((0, ""), (invite.Exit, invite.Error));
        Assert.Equal((0, ""), (reset.Exit, reset.Error));
        var invitation = LinkIn(Assert.Single(await smtp.WaitForAsync("cli-invited@example.org")));
        var resetLink = LinkIn(Assert.Single(await smtp.WaitForAsync("cli-member@example.org")));
        Assert.Contains(invitation.AbsoluteUri, invite.Output, StringComparison.Ordinal);
        Assert.Contains(resetLink.AbsoluteUri, reset.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("invites you", Assert.Single(smtp.To("cli-invited@example.org")).TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "users", "invite", "--role", "mentor")]
    [InlineData(2, "users", "invite", "--email", "x@example.org", "--role", "boss")]
    [InlineData(1, "users", "invite", "--email", "x@example.org", "--role", "researcher")]
    [InlineData(1, "users", "invite", "--email", "not an address", "--role", "mentor")]
    [InlineData(1, "users", "reset", "--email", "nobody@example.org")]
    public async Task CommandLine_InviteAndReset_RefuseWhatTheyCannotDo(int expectedExit, params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(expectedExit, exit);
        Assert.NotEmpty(error.Trim());
        using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await WikiCommandLine.RunAsync(app.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
