using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Mail;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Notifications;

/// <summary>
/// Once a day at Mail:DigestHour in the member's own time zone (their choice, else Mail:DigestTimeZone), each member
/// gets one mail with what waited for a digest: the kinds they chose daily since then, and on Mondays the weekly ones
/// too, after what waits for them (<see cref="IDigestOpening"/>). Items the member may no longer read (and so their
/// excerpts), and kinds turned off meanwhile, are dropped unsent. An item leaves the queue with a compare-and-swap in
/// the transaction that queues the mail, so of several instances, and of several runs, one sends it.
/// </summary>
public sealed class DigestSender(
    IDbContextFactory<WikiDbContext> dbFactory,
    IEnumerable<IDigestOpening> openings,
    WikiMail mail,
    NotificationMail notificationMail,
    UnsubscribeTokens unsubscribe,
    WikiUsers users,
    TimeProvider clock,
    ILogger<DigestSender> logger) : BackgroundService
{
    private static readonly TimeSpan LookEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database away or busy: the items stay, and the next look finds them.
                logger.LogWarning(e, "The digests could not be made; trying again shortly.");
            }
            try
            {
                await Task.Delay(LookEvery, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>The last daily and the last weekly (Monday) digest moment at or before <paramref name="now"/>.</summary>
    public static (DateTimeOffset Daily, DateTimeOffset Weekly) LastMoments(DateTimeOffset now, int hour, TimeZoneInfo zone)
    {
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var daily = At(today, hour, zone);
        if (daily > now)
        {
            today = today.AddDays(-1);
            daily = At(today, hour, zone);
        }
        var sinceMonday = ((int)today.DayOfWeek + 6) % 7;
        return (daily, At(today.AddDays(-sinceMonday), hour, zone));
    }

    private static DateTimeOffset At(DateTime day, int hour, TimeZoneInfo zone)
    {
        var local = day.AddHours(hour);
        // The hour skipped when clocks go forward: the digest comes an hour later that day.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Queues every digest due now, each member's at the hour in their zone; returns how many mails were queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        List<string> recipients;
        Dictionary<string, string> zones;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            recipients = await db.Notifications.Where(n => n.AwaitsDigest).Select(n => n.RecipientUserId).Distinct().ToListAsync(cancellationToken);
            zones = await MailPreferences.TimeZoneIdsOfAsync(db, recipients, cancellationToken);
        }
        var queued = 0;
        foreach (var userId in recipients)
        {
            var zone = MailPreferences.ZoneOf(zones.GetValueOrDefault(userId), mail.Settings.DigestTimeZone);
            var (daily, weekly) = LastMoments(now, mail.Settings.DigestHour, zone);
            if (await SendToAsync(userId, daily, weekly, zone, cancellationToken))
            {
                queued++;
            }
        }
        return queued;
    }

    private sealed record Item(long Id, NotificationKind Kind, int EntryId, int? ThreadId, string ActorName, string Text, string Excerpt, DateTimeOffset At, string Title, string Slug, EntryKind EntryKind);

    private async Task<bool> SendToAsync(string userId, DateTimeOffset daily, DateTimeOffset weekly, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var waiting = await db.Notifications.Where(n => n.RecipientUserId == userId && n.AwaitsDigest && n.At < daily)
            .Select(n => new Item(n.Id, n.Kind, n.EntryId, n.ThreadId, n.ActorName, n.Text, n.Excerpt, n.At, n.Entry!.Title, n.Entry.Slug, n.Entry.Kind))
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return false;
        }
        var choices = (await MailPreferences.OfAsync(db, [userId], cancellationToken))[userId];
        var reader = await users.LoadAsync(userId, cancellationToken);
        var address = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        var readable = new Dictionary<int, bool>();
        var settled = new List<long>();
        var included = new List<Item>();
        var weeklyOnly = true;
        var hasWeekly = false;
        foreach (var item in waiting.OrderBy(i => i.At))
        {
            var choice = choices[item.Kind];
            if (choice == MailDelivery.WeeklyDigest && item.At >= weekly)
            {
                continue;
            }
            settled.Add(item.Id);
            if (choice == MailDelivery.Off || reader is not { Locked: false } || !await MayReadAsync(db, reader, item.EntryId, readable, cancellationToken))
            {
                continue;
            }
            included.Add(item);
            weeklyOnly &= choice == MailDelivery.WeeklyDigest;
            hasWeekly |= choice == MailDelivery.WeeklyDigest;
        }
        if (settled.Count == 0)
        {
            return false;
        }
        // Read before the transaction, so the queue's write lock is not held while the openings read.
        var opening = hasWeekly ? await OpeningAsync(reader!, weekly, zone, cancellationToken) : [];

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await db.Notifications.Where(n => settled.Contains(n.Id) && n.AwaitsDigest)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.AwaitsDigest, false), cancellationToken);
        if (taken != settled.Count)
        {
            // Another instance (or run) took some of them: it sends that digest.
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        var sending = included.Count > 0 && WikiMail.IsAddress(address);
        if (sending)
        {
            var kinds = included.Select(i => i.Kind).Distinct().ToList();
            var unsubscribeLink = unsubscribe.LinkFor(userId, kinds);
            var lines = included.Select(i => new MailLine(
                $"{i.ActorName} {i.Text}: “{i.Title}” ({TimeZoneInfo.ConvertTime(i.At, zone):ddd d MMM HH:mm} {ZoneName(zone)})",
                notificationMail.LinkTo(i.EntryKind, i.Slug, i.ThreadId),
                i.Excerpt)).ToList();
            var message = mail.Queue(db, address!, MailKind.Digest,
                MailTexts.Digest(weeklyOnly ? "weekly" : "daily", opening, lines, mail.Settings.Link(NotificationMail.PreferencesPath, null), unsubscribeLink));
            message.RecipientUserId = userId;
            message.UnsubscribeUrl = unsubscribeLink.AbsoluteUri;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sending;
    }

    /// <summary>What waits for the reader, from each feature that has something: opens the Monday digest.</summary>
    private async Task<List<MailSection>> OpeningAsync(WikiUser reader, DateTimeOffset weekly, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var sections = new List<MailSection>();
        foreach (var opening in openings)
        {
            sections.AddRange((await opening.ForAsync(reader, weekly, zone, cancellationToken)).Select(s => new MailSection(
                s.Heading, [.. s.Lines.Select(l => new MailLine(l.Text, l.Path is null ? null : mail.Settings.Link(l.Path, null)))], s.Empty)));
        }
        return sections;
    }

    /// <summary>"UTC", or the zone's IANA id ("Europe/Berlin"), which says more than a display name in any language.</summary>
    private static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;

    private static async Task<bool> MayReadAsync(WikiDbContext db, WikiUser reader, int entryId, Dictionary<int, bool> known, CancellationToken cancellationToken)
    {
        if (!known.TryGetValue(entryId, out var may))
        {
            may = await EntryAccess.FactsAsync(db, entryId, cancellationToken) is { } facts && EntryPermissions.Can(reader, EntryOperation.ReadComments, facts);
            known[entryId] = may;
        }
        return may;
    }
}
