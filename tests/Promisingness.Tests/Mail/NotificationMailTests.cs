using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Mail;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Features.Summaries.Review;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Mail;

/// <summary>
/// The mail beside the inbox: who gets what for each event (never the actor), as each member chose, in digests once,
/// and never a mail about an entry its recipient may no longer read. Received by a real SMTP server.
/// </summary>
public class NotificationMailTests : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = new();
    private readonly WikiApp app;
    private MailTeam team = new();

    // The digest hour is half a day away, so the app's own digest job (on the real clock) never sends during a test:
    // only the one each test drives with a fake clock does.
    private static readonly int DigestHour = (DateTime.UtcNow.Hour + 12) % 24;

    // A subclass marked [OnPostgres] overrides Provider; it answers a constant, so calling it here is safe.
#pragma warning disable CA2214
    public NotificationMailTests() => app = new WikiApp(settings: new Dictionary<string, string>(smtp.Settings())
    {
        ["Mail:DigestHour"] = DigestHour.ToString(CultureInfo.InvariantCulture),
        ["Mail:DigestTimeZone"] = "UTC",
    }, provider: Provider);
#pragma warning restore CA2214

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => team = await MailTeam.AddAsync(app);

    public async Task DisposeAsync()
    {
        app.Dispose();
        await smtp.DisposeAsync();
    }

    private EntryEditor Editor => app.Get<EntryEditor>();

    private async Task<SaveResult.Saved> PageAsync(string writer, string title, Visibility visibility = Visibility.Team) =>
        Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(team.Users[writer], EntryKind.Page, new EntryInput(title, "The page's text.", visibility, Members.Aisc)));

    /// <summary>Severin's summary of 2026-W48 on a topic of the seed, a draft.</summary>
    private async Task<SaveResult.Saved> SeverinsSummaryAsync() =>
        Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(team.Users["severin"], EntryKind.WeeklySummary, await SeverinsSummaryInputAsync("What I read this week.")));

    private async Task<EntryInput> SeverinsSummaryInputAsync(string body, string title = "")
    {
        var topic = await app.CreateDbContext().Entries.Where(e => e.Slug == "theoretical-chain-of-thought").Select(e => e.Id).SingleAsync();
        return new EntryInput(title, body, Visibility.Team, null, "", Summary: new SummaryInput("2026-W48", topic, team.MemberIds["severin-field"]));
    }

    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>What every notification mail carries: both parts, the entry's absolute link, and RFC 8058 unsubscribe headers.</summary>
    private static void AssertWellMade(MimeMessage message, string link)
    {
        Assert.Contains(link, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"<{TestSmtpServer.PublicUrl}mail/unsubscribe?t=", message.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task Review_SubmittedMailsTheReviewers_AndEachDecisionMailsTheAuthor_NeverTheOneWhoActed()
    {
        var summary = await SeverinsSummaryAsync();
        var workflow = app.Get<ReviewWorkflow>();

        var submitted = Assert.IsType<ReviewResult.Done>(await workflow.ActAsync(team.Users["severin"], summary.EntryId, ReviewCommand.Submit, summary.RevisionNumber, null));
        var toMentor = Assert.Single(await smtp.WaitForAsync("bogdan@test.local"));
        Assert.Contains("submitted a weekly summary for review", toMentor.Subject, StringComparison.Ordinal);
        AssertWellMade(toMentor, $"{TestSmtpServer.PublicUrl}summaries/{summary.Slug}");
        await smtp.WaitForAsync(WikiApp.AdminEmail);

        Assert.IsType<ReviewResult.Done>(await workflow.ActAsync(team.Users["mentor"], summary.EntryId, ReviewCommand.RequestChanges, submitted.RevisionNumber, "Say what you found,\n  and <em>why</em> it matters."));
        var toAuthor = Assert.Single(await smtp.WaitForAsync("severin@test.local"));
        Assert.Contains("requested changes to your weekly summary", toAuthor.Subject, StringComparison.Ordinal);
        AssertWellMade(toAuthor, $"{TestSmtpServer.PublicUrl}summaries/{summary.Slug}");
        // What should change is quoted, as text in both parts: the note's markup is encoded, never sent as HTML.
        Assert.Contains("> Say what you found, and <em>why</em> it matters.", toAuthor.TextBody, StringComparison.Ordinal);
        Assert.Contains(">Say what you found, and &lt;em&gt;why&lt;/em&gt; it matters.</blockquote>", toAuthor.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>", toAuthor.HtmlBody, StringComparison.Ordinal);

        // The one who acted hears nothing of their own step: the author of the submission, the mentor of the decision.
        Assert.Single(smtp.To("bogdan@test.local"));
        Assert.Equal(["admin@test.local", "bogdan@test.local", "severin@test.local"], (await OutboxAsync()).Select(m => m.To).Order());
    }

    [Fact]
    public async Task AnEditAfterApproval_MailsTheApprover_AsAReviewRequest_AndOnlyThem()
    {
        var summary = await SeverinsSummaryAsync();
        var workflow = app.Get<ReviewWorkflow>();
        var submitted = Assert.IsType<ReviewResult.Done>(await workflow.SubmitAsync(team.Users["severin"], summary.EntryId, summary.RevisionNumber));
        Assert.IsType<ReviewResult.Done>(await workflow.ApproveAsync(team.Users["mentor"], summary.EntryId, submitted.RevisionNumber));
        await smtp.WaitForAsync("severin@test.local");
        await smtp.WaitForAsync("bogdan@test.local");
        await smtp.WaitForAsync(WikiApp.AdminEmail);

        var current = await app.CreateDbContext().Entries.SingleAsync(e => e.Id == summary.EntryId);
        Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(team.Users["severin"], summary.EntryId, current.RevisionNumber,
            await SeverinsSummaryInputAsync("What I read this week, and one more paper.", current.Title)));

        var toApprover = (await smtp.WaitForAsync("bogdan@test.local", 2))[1];
        Assert.Contains("changed a summary you approved: it needs a new review", toApprover.Subject, StringComparison.Ordinal);
        AssertWellMade(toApprover, $"{TestSmtpServer.PublicUrl}summaries/{summary.Slug}");
        // Sent under the choice for review requests: the unsubscribe link turns off that kind.
        Assert.Contains("“A weekly summary is submitted for your review”", toApprover.TextBody, StringComparison.Ordinal);
        using var db = app.CreateDbContext();
        Assert.Equal(NotificationKind.Submitted, await db.Notifications.Where(n => n.RecipientUserId == team.Users["mentor"] && n.Text.StartsWith("changed a summary")).Select(n => n.Kind).SingleAsync());
        // The admin, who also reviews but did not approve it, and the author hear nothing of it.
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.To == WikiApp.AdminEmail));
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.To == "severin@test.local"));
    }

    [Fact]
    public async Task Mention_MailsAtOnce_ButNotWhoTurnedMentionsOff_NorTheActor()
    {
        var page = await PageAsync("mentor", "Reading list");
        await app.Get<MailPreferences>().SetAsync(team.Users["marcel"], new Dictionary<NotificationKind, MailDelivery> { [NotificationKind.Mention] = MailDelivery.Off });

        await app.Get<Discussions>().OpenAsync(team.Users["mentor"], page.EntryId,
            "@severin-field and @marcel-mir, and @bogdan-ionut-cirstea: read **this** <script>alert(1)</script>.\n\n" + string.Concat(Enumerable.Repeat("More words here. ", 40)), anchor: null);

        var message = Assert.Single(await smtp.WaitForAsync("severin@test.local"));
        Assert.Contains("mentioned you in a comment", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Reading list", message.TextBody, StringComparison.Ordinal);
        // The comment is quoted as plain text (its Markdown rendered, then its text), cut short, and encoded in HTML.
        Assert.Contains("> @Severin Field and @Marcel Mir, and @Bogdan Ionut Cirstea: read this <script>alert(1)</script>. More words here.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("read this &lt;script&gt;alert(1)&lt;/script&gt;. More words", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        var excerpt = await app.CreateDbContext().Notifications.Where(n => n.RecipientUserId == team.Users["severin"]).Select(n => n.Excerpt).SingleAsync();
        Assert.InRange(excerpt.Length, 200, Notification.ExcerptMaxLength);
        Assert.EndsWith("…", excerpt, StringComparison.Ordinal);
        var outbox = await OutboxAsync();
        Assert.Equal(["severin@test.local"], outbox.Select(m => m.To));
        // Marcel still has the inbox row: only the mail is off.
        using var db = app.CreateDbContext();
        Assert.True(await db.Notifications.AnyAsync(n => n.RecipientUserId == team.Users["marcel"] && n.Kind == NotificationKind.Mention));
    }

    [Fact]
    public async Task NewMeeting_MailsEachOwnerOfAnActionItem()
    {
        var meeting = Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(team.Users["mentor"], EntryKind.Meeting, new EntryInput("Weekly meeting", "Notes.", Visibility.Team, null, "",
            Meeting: new MeetingInput(new DateOnly(2026, 12, 3), [], "", "", [new ActionItemInput("Read the paper", team.MemberIds["severin-field"], null, false)]))));

        var message = Assert.Single(await smtp.WaitForAsync("severin@test.local"));
        Assert.Contains("action items", message.Subject, StringComparison.Ordinal);
        AssertWellMade(message, $"{TestSmtpServer.PublicUrl}meetings/{meeting.Slug}");
        Assert.Empty(smtp.To("marcel@test.local"));
    }

    [Fact]
    public async Task AMailWaiting_WhenItsRecipientLosesAccess_IsWithheld_AndTheTeamOnlyTitleNeverReachesThem()
    {
        const string title = "TEAMONLY-3c1f plans";
        var page = await PageAsync("mentor", title);
        await smtp.StopAsync();

        await app.Get<Discussions>().OpenAsync(team.Users["mentor"], page.EntryId, "@marcel-mir see this", anchor: null);
        // Marcel loses access while the mail waits for the server: the page becomes a draft of the mentor's.
        var current = await app.CreateDbContext().Entries.SingleAsync(e => e.Id == page.EntryId);
        Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(team.Users["mentor"], page.EntryId, current.RevisionNumber, new EntryInput(title, "The page's text.", Visibility.Draft, Members.Aisc)));
        smtp.Start();

        await TestSmtpServer.UntilAsync(async () => (await OutboxAsync()).Single(m => m.To == "marcel@test.local").FailedAt is not null, "the mail to be withheld");
        Assert.Equal(OutboxSender.Withheld, (await OutboxAsync()).Single(m => m.To == "marcel@test.local").LastError);
        Assert.DoesNotContain(smtp.Received, m => m.ToString().Contains("TEAMONLY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Digests_GatherWhatWaited_AtTheHour_OnceEach_AndDropWhatTheMemberMayNoLongerRead()
    {
        var page = await PageAsync("severin", "Severin's notes");
        var secret = await PageAsync("severin", "DRAFTONLY-77aa ideas");
        await app.Get<MailPreferences>().SetAsync(team.Users["severin"], new Dictionary<NotificationKind, MailDelivery>
        {
            [NotificationKind.Mention] = MailDelivery.WeeklyDigest,
            [NotificationKind.WatchedChange] = MailDelivery.DailyDigest,
        });
        // Marcel's saves reach Severin, who watches his own pages, in the daily digest (his choice; weekly by default).
        foreach (var saved in new[] { page, secret })
        {
            var current = await app.CreateDbContext().Entries.SingleAsync(e => e.Id == saved.EntryId);
            Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(team.Users["marcel"], saved.EntryId, current.RevisionNumber, new EntryInput(current.Title, "Marcel's addition.", Visibility.Team, Members.Aisc)));
        }
        await app.Get<Discussions>().OpenAsync(team.Users["marcel"], page.EntryId, "@severin-field a question", anchor: null);
        // A comment on the page Severin loses: in the daily digest (the default for comments) until he loses it.
        await app.Get<Discussions>().OpenAsync(team.Users["marcel"], secret.EntryId, "SECRETEXCERPT of the plans", anchor: null);
        // Severin loses the second page before the digest: it becomes a draft whose revisions are all the mentor's
        // (set directly: no edit takes an author's own page away from them).
        await using (var db = app.CreateDbContext())
        {
            await db.Entries.Where(e => e.Id == secret.EntryId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Visibility, Visibility.Draft));
            await db.Revisions.Where(r => r.EntryId == secret.EntryId).ExecuteUpdateAsync(s => s.SetProperty(r => r.AuthorUserId, team.Users["mentor"]));
        }
        Assert.Empty(await OutboxAsync());

        var now = DateTimeOffset.UtcNow;
        var nextDaily = new DateTimeOffset(now.UtcDateTime.Date.AddHours(DigestHour), TimeSpan.Zero);
        nextDaily = nextDaily <= now ? nextDaily.AddDays(1) : nextDaily;
        var clock = new FakeTimeProvider(nextDaily.AddMinutes(-1));
        var digests = new DigestSender(app.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<WikiDbContext>>(), app.Get<IEnumerable<IDigestOpening>>(), app.Get<WikiMail>(), app.Get<NotificationMail>(),
            app.Get<UnsubscribeTokens>(), app.Get<WikiUsers>(), clock, NullLogger<DigestSender>.Instance);

        Assert.Equal(0, await digests.SendDueAsync());
        clock.SetUtcNow(nextDaily);
        Assert.Equal(1, await digests.SendDueAsync());
        Assert.Equal(0, await digests.SendDueAsync());

        var daily = Assert.Single(await smtp.WaitForAsync("severin@test.local"));
        Assert.StartsWith("Your daily digest", daily.Subject, StringComparison.Ordinal);
        AssertWellMade(daily, $"{TestSmtpServer.PublicUrl}pages/{page.Slug}");
        Assert.DoesNotContain("DRAFTONLY", daily.ToString(), StringComparison.Ordinal);
        var mondayIsNext = nextDaily.DayOfWeek == DayOfWeek.Monday;
        Assert.Equal(mondayIsNext, daily.TextBody!.Contains("mentioned you", StringComparison.Ordinal));

        // The weekly item goes on the next Monday at the hour, once.
        var nextMonday = nextDaily.AddDays(((int)DayOfWeek.Monday - (int)nextDaily.DayOfWeek + 7) % 7);
        clock.SetUtcNow(nextMonday.AddHours(1));
        Assert.Equal(mondayIsNext ? 0 : 1, await digests.SendDueAsync());
        Assert.Equal(0, await digests.SendDueAsync());
        var all = await smtp.WaitForAsync("severin@test.local", mondayIsNext ? 1 : 2);
        var weekly = Assert.Single(all, m => m.TextBody?.Contains("mentioned you", StringComparison.Ordinal) == true);
        Assert.Contains("> @Severin Field a question", weekly.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(all, m => m.ToString().Contains("SECRETEXCERPT", StringComparison.Ordinal));
        Assert.Equal(all.Count, (await OutboxAsync()).Count);
    }
}

[OnPostgres]
public sealed class NotificationMailOnPostgresTests : NotificationMailTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
