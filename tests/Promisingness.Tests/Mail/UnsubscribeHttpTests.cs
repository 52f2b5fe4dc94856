using System.Net;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Mail;

/// <summary>A mail's one-click unsubscribe and the account page of choices, over HTTP as a mail program and a member use them.</summary>
public sealed class UnsubscribeHttpTests : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = new();
    private readonly WikiApp app;
    private string severin = "";
    private string mentor = "";
    private int pageId;

    public UnsubscribeHttpTests() => app = new WikiApp(settings: smtp.Settings());

    public async Task InitializeAsync()
    {
        using var db = app.CreateDbContext();
        var member = await db.Members.SingleAsync(m => m.Slug == "severin-field");
        severin = await Members.AddAsync(app, "severin@test.local", Roles.Researcher, Members.Aisc, member.Id);
        mentor = await Members.AddAsync(app, "mentor@test.local", Roles.Mentor);
        pageId = Assert.IsType<SaveResult.Saved>(await app.Get<EntryEditor>().CreateAsync(mentor, EntryKind.Page, new EntryInput("Reading list", "Papers.", Visibility.Team, null))).EntryId;
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await smtp.DisposeAsync();
    }

    private Task MentionSeverinAsync() => app.Get<Discussions>().OpenAsync(mentor, pageId, "@severin-field have a look", anchor: null);

    private async Task<string> UnsubscribePathAsync()
    {
        await MentionSeverinAsync();
        var header = Assert.Single(await smtp.WaitForAsync("severin@test.local")).Headers["List-Unsubscribe"];
        Assert.NotNull(header);
        return new Uri(header.Trim('<', '>')).PathAndQuery;
    }

    private async Task<MailDelivery> MentionDeliveryAsync() => (await app.Get<MailPreferences>().OfAsync(severin))[NotificationKind.Mention];

    [Fact]
    public async Task Get_OnlyAsks_AndTheOneClickPost_TurnsThatKindOff_SoTheNextMentionIsNotMailed()
    {
        var path = await UnsubscribePathAsync();
        var client = Members.Client(app);

        var asked = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("data-testid=\"unsubscribe\"", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(MailDelivery.AtOnce, await MentionDeliveryAsync());

        // What a mail program sends (RFC 8058): no cookie, no antiforgery token.
        var done = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("data-testid=\"unsubscribed\"", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(MailDelivery.Off, await MentionDeliveryAsync());

        await MentionSeverinAsync();
        using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.To == "severin@test.local"));
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.RecipientUserId == severin));
    }

    [Fact]
    public async Task AChangedToken_IsRefusedWithAClearPage_AndChangesNothing()
    {
        var path = await UnsubscribePathAsync();
        var token = path[(path.IndexOf("t=", StringComparison.Ordinal) + 2)..];
        var forged = "/mail/unsubscribe?t=" + (token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..]);
        var client = Members.Client(app);

        var asked = await client.GetAsync(forged);
        var posted = await client.PostAsync(forged, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (asked.StatusCode, posted.StatusCode));
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Contains("This unsubscribe link is not valid", page, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", page, StringComparison.Ordinal);
        Assert.Equal(MailDelivery.AtOnce, await MentionDeliveryAsync());
    }

    [Fact]
    public async Task PreferencesPage_ShowsTheDefaults_SavesAChoice_AndRefusesANonsenseValueBesideTheField()
    {
        var client = await Members.SignInAsync(app, "severin@test.local");

        var page = await client.GetStringAsync("/Account/Manage/Notifications");
        Assert.Contains("href=\"Account/Manage/Notifications\"", page, StringComparison.Ordinal);
        Assert.Matches("name=\"Input.Choices\\[WatchedChange\\]\"[^>]*>\\s*(<option[^>]*>[^<]*</option>\\s*)*<option value=\"WeeklyDigest\" selected", page);

        var (saved, _) = await Forms.PostAsync(client, "/Account/Manage/Notifications", new Dictionary<string, string> { ["Input.Choices[Mention]"] = "WeeklyDigest" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Your choices are saved", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(MailDelivery.WeeklyDigest, await MentionDeliveryAsync());

        var (refused, _) = await Forms.PostAsync(client, "/Account/Manage/Notifications", new Dictionary<string, string>
        {
            ["Input.Choices[Mention]"] = "Off",
            ["Input.Choices[Reply]"] = "Sometimes",
        });
        Assert.Contains("Choose one of: at once, daily digest, weekly digest, off.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(MailDelivery.WeeklyDigest, await MentionDeliveryAsync());
    }

    [Fact]
    public async Task PreferencesPage_SavesATimeZone_AndRefusesAnUnknownOneBesideTheField_ChangingNothing()
    {
        var client = await Members.SignInAsync(app, "severin@test.local");
        var preferences = app.Get<MailPreferences>();

        // Without a choice, the wiki's zone (Mail:DigestTimeZone, UTC here) is the one selected.
        Assert.Contains("<option value=\"UTC\" selected", await client.GetStringAsync("/Account/Manage/Notifications"), StringComparison.Ordinal);
        var (saved, _) = await Forms.PostAsync(client, "/Account/Manage/Notifications", new Dictionary<string, string> { ["Input.TimeZone"] = "Europe/Berlin" });
        var savedPage = await saved.Content.ReadAsStringAsync();
        Assert.Contains("Your choices are saved", savedPage, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Europe/Berlin\" selected", savedPage, StringComparison.Ordinal);
        Assert.Equal("Europe/Berlin", await preferences.TimeZoneIdAsync(severin));

        var (refused, _) = await Forms.PostAsync(client, "/Account/Manage/Notifications", new Dictionary<string, string>
        {
            ["Input.TimeZone"] = "Mars/Olympus_Mons",
            ["Input.Choices[Mention]"] = "Off",
        });
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Matches("name=\"Input.TimeZone\"[\\s\\S]*?</select>\\s*<div class=\"text-danger\" role=\"alert\">Choose a time zone from the list", page);
        Assert.Contains("nothing was changed", page, StringComparison.Ordinal);
        Assert.Equal("Europe/Berlin", await preferences.TimeZoneIdAsync(severin));
        Assert.Equal(MailDelivery.AtOnce, await MentionDeliveryAsync());
    }
}
