using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Features.Summaries.Review;

namespace Promisingness.Tests.Mail;

/// <summary>
/// Weekly digests on a fake clock (the app's own, so its digest job keeps the same time): each member's at Monday
/// 08:00 in their own zone, once; the mentor's opening with what waits for them. Received by a real SMTP server.
/// </summary>
public sealed class DigestScheduleTests : IAsyncLifetime
{
    // A Wednesday of ISO week 2026-W49; its Monday digest goes on 7 December.
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Wednesday);
    private readonly TestSmtpServer smtp = new();
    private readonly WikiApp app;
    private MailTeam team = new();

    public DigestScheduleTests() => app = new WikiApp(
        settings: new Dictionary<string, string>(smtp.Settings()) { ["Mail:DigestHour"] = "8", ["Mail:DigestTimeZone"] = "UTC" },
        services: s => s.AddSingleton<TimeProvider>(clock));

    public async Task InitializeAsync() => team = await MailTeam.AddAsync(app);

    public async Task DisposeAsync()
    {
        app.Dispose();
        await smtp.DisposeAsync();
    }

    private Task WeeklyMentionsAsync(string user) =>
        app.Get<MailPreferences>().SetAsync(team.Users[user], new Dictionary<NotificationKind, MailDelivery> { [NotificationKind.Mention] = MailDelivery.WeeklyDigest });

    private async Task<int> PageAsync(string writer, string title) =>
        Assert.IsType<SaveResult.Saved>(await app.Get<EntryEditor>().CreateAsync(team.Users[writer], EntryKind.Page, new EntryInput(title, "Text.", Visibility.Team, Members.Aisc))).EntryId;

    /// <summary>The digests queued by the time the clock reads <paramref name="now"/>, per address.</summary>
    private async Task<Dictionary<string, int>> DigestsAtAsync(DateTimeOffset now)
    {
        clock.SetUtcNow(now);
        // The app's own digest job wakes on the clock too; whichever runs first queues each digest, the other finds
        // it taken. Once this run returns, every digest due now is committed.
        await app.Get<DigestSender>().SendDueAsync();
        await using var db = app.CreateDbContext();
        return (await db.Outbox.AsNoTracking().Where(m => m.Kind == MailKind.Digest).Select(m => m.To).ToListAsync())
            .GroupBy(to => to).ToDictionary(g => g.Key, g => g.Count());
    }

    [Fact]
    public async Task WeeklyDigests_GoAtMondayEightInEachMembersOwnZone_OnceEach()
    {
        var preferences = app.Get<MailPreferences>();
        Assert.Null(await preferences.SetTimeZoneAsync(team.Users["severin"], "Europe/Berlin"));
        Assert.Null(await preferences.SetTimeZoneAsync(team.Users["marcel"], "America/New_York"));
        await WeeklyMentionsAsync("severin");
        await WeeklyMentionsAsync("marcel");
        var page = await PageAsync("mentor", "Reading list");
        await app.Get<Discussions>().OpenAsync(team.Users["mentor"], page, "@severin-field and @marcel-mir, what do you think of **this** paper?", anchor: null);

        // 08:00 in Berlin is 07:00 UTC in December; in New York, 13:00 UTC.
        Assert.Empty(await DigestsAtAsync(Monday.AddHours(7).AddMinutes(-1)));
        Assert.Equal(new Dictionary<string, int> { ["severin@test.local"] = 1 }, await DigestsAtAsync(Monday.AddHours(7)));
        Assert.Equal(new Dictionary<string, int> { ["severin@test.local"] = 1 }, await DigestsAtAsync(Monday.AddHours(13).AddMinutes(-1)));
        var both = new Dictionary<string, int> { ["severin@test.local"] = 1, ["marcel@test.local"] = 1 };
        Assert.Equal(both, await DigestsAtAsync(Monday.AddHours(13)));
        Assert.Equal(both, await DigestsAtAsync(Monday.AddDays(1).AddHours(13)));

        var toSeverin = Assert.Single(await smtp.WaitForAsync("severin@test.local"));
        Assert.StartsWith("Your weekly digest", toSeverin.Subject, StringComparison.Ordinal);
        // The time of the mention in the member's zone, and what was said, as text.
        Assert.Contains("(Wed 2 Dec 13:00 Europe/Berlin)", toSeverin.TextBody, StringComparison.Ordinal);
        Assert.Contains("> @Severin Field and @Marcel Mir, what do you think of this paper?", toSeverin.TextBody, StringComparison.Ordinal);
        Assert.Contains("(Wed 2 Dec 07:00 America/New_York)", Assert.Single(await smtp.WaitForAsync("marcel@test.local")).TextBody, StringComparison.Ordinal);
        // A researcher's digest has no reviewer's opening.
        Assert.DoesNotContain("waiting for your review", toSeverin.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMentorsWeeklyDigest_OpensWithTheSummariesToReview_TheirOpenThreads_AndWhoWroteNoSummary()
    {
        await WeeklyMentionsAsync("mentor");
        var topic = await app.CreateDbContext().Entries.Where(e => e.Slug == "theoretical-chain-of-thought").Select(e => e.Id).SingleAsync();
        var editor = app.Get<EntryEditor>();
        var submitted = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(team.Users["severin"], EntryKind.WeeklySummary,
            new EntryInput("", "What I read.", Visibility.Team, null, "", Summary: new SummaryInput("2026-W49", topic, team.MemberIds["severin-field"]))));
        Assert.IsType<ReviewResult.Done>(await app.Get<ReviewWorkflow>().SubmitAsync(team.Users["severin"], submitted.EntryId, submitted.RevisionNumber));
        // A draft waits for nobody; Marcel's is for another week, so he wrote nothing for W49.
        var draft = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(team.Users["marcel"], EntryKind.WeeklySummary,
            new EntryInput("DRAFTSUMMARY", "Not yet.", Visibility.Team, null, "", Summary: new SummaryInput("2026-W48", topic, team.MemberIds["marcel-mir"]))));
        var discussions = app.Get<Discussions>();
        var mentioned = await PageAsync("severin", "Mentioned here");
        var opened = await PageAsync("severin", "Opened here");
        var resolved = await PageAsync("severin", "RESOLVEDTHREAD page");
        var others = await PageAsync("severin", "OTHERSTHREAD page");
        await discussions.OpenAsync(team.Users["severin"], mentioned, "@bogdan-ionut-cirstea a question for you", anchor: null);
        await discussions.OpenAsync(team.Users["mentor"], opened, "Why this method?", anchor: null);
        var done = await discussions.OpenAsync(team.Users["mentor"], resolved, "Settled already.", anchor: null);
        await discussions.SetResolvedAsync(team.Users["mentor"], done.Id!.Value, resolved: true);
        await discussions.OpenAsync(team.Users["marcel"], others, "Between us researchers.", anchor: null);

        Assert.Equal(1, (await DigestsAtAsync(Monday.AddHours(8)))["bogdan@test.local"]);

        // Beside the mail of the submission, sent at once.
        var text = Assert.Single(await smtp.WaitForAsync("bogdan@test.local", 2), m => m.Subject?.StartsWith("Your weekly digest", StringComparison.Ordinal) == true).TextBody!;
        var opening = text[..text.IndexOf("What happened", StringComparison.Ordinal)];
        var title = await app.CreateDbContext().Entries.Where(e => e.Id == submitted.EntryId).Select(e => e.Title).SingleAsync();
        Assert.Contains($"Summaries waiting for your review\n- “{title}” by Severin Field, submitted since Wed 2 Dec", opening, StringComparison.Ordinal);
        Assert.Contains($"{TestSmtpServer.PublicUrl}summaries/{submitted.Slug}", opening, StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFTSUMMARY", text, StringComparison.Ordinal);
        Assert.Contains("On “Mentioned here”", opening, StringComparison.Ordinal);
        Assert.Contains("On “Opened here”", opening, StringComparison.Ordinal);
        Assert.DoesNotContain("RESOLVEDTHREAD", text, StringComparison.Ordinal);
        Assert.DoesNotContain("OTHERSTHREAD", text, StringComparison.Ordinal);
        var missing = opening[opening.IndexOf("No summary for week 2026-W49", StringComparison.Ordinal)..];
        Assert.Contains("- Marcel Mir (AISC)", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("Severin Field", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("Bogdan", missing, StringComparison.Ordinal);
        Assert.Contains("> @Bogdan Ionut Cirstea a question for you", text, StringComparison.Ordinal);
    }
}
