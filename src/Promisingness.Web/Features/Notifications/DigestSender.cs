using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Mail;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Notifications;

/// <summary>
/// Once a day at Mail:DigestHour (in Mail:DigestTimeZone), each member gets one mail with what waited for a digest:
/// the kinds they chose daily since then, and on Mondays the weekly ones too. Items the member may no longer read,
/// and kinds turned off meanwhile, are dropped unsent. An item leaves the queue with a compare-and-swap in the
/// transaction that queues the mail, so of several instances, and of several runs, one sends it.
/// </summary>
public sealed class DigestSender(
    IDbContextFactory<WikiDbContext> dbFactory,
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

    /// <summary>Queues every digest due now; returns how many mails were queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var (daily, weekly) = LastMoments(clock.GetUtcNow(), mail.Settings.DigestHour, mail.Settings.DigestTimeZone);
        List<string> recipients;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            recipients = await db.Notifications.Where(n => n.AwaitsDigest && n.At < daily).Select(n => n.RecipientUserId).Distinct().ToListAsync(cancellationToken);
        }
        var queued = 0;
        foreach (var userId in recipients)
        {
            if (await SendToAsync(userId, daily, weekly, cancellationToken))
            {
                queued++;
            }
        }
        return queued;
    }

    private sealed record Item(long Id, NotificationKind Kind, int EntryId, int? ThreadId, string ActorName, string Text, DateTimeOffset At, string Title, string Slug, EntryKind EntryKind);

    private async Task<bool> SendToAsync(string userId, DateTimeOffset daily, DateTimeOffset weekly, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var waiting = await db.Notifications.Where(n => n.RecipientUserId == userId && n.AwaitsDigest && n.At < daily)
            .Select(n => new Item(n.Id, n.Kind, n.EntryId, n.ThreadId, n.ActorName, n.Text, n.At, n.Entry!.Title, n.Entry.Slug, n.Entry.Kind))
            .ToListAsync(cancellationToken);
        var choices = (await MailPreferences.OfAsync(db, [userId], cancellationToken))[userId];
        var reader = await users.LoadAsync(userId, cancellationToken);
        var address = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        var readable = new Dictionary<int, bool>();
        var settled = new List<long>();
        var included = new List<Item>();
        var weeklyOnly = true;
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
        }
        if (settled.Count == 0)
        {
            return false;
        }

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
            var lines = included.Select(i => ($"{i.ActorName} {i.Text}: “{i.Title}” ({i.At.UtcDateTime:ddd d MMM HH:mm} UTC)", notificationMail.LinkTo(i.EntryKind, i.Slug, i.ThreadId))).ToList();
            var message = mail.Queue(db, address!, MailKind.Digest,
                MailTexts.Digest(weeklyOnly ? "weekly" : "daily", lines, mail.Settings.Link(NotificationMail.PreferencesPath, null), unsubscribeLink));
            message.RecipientUserId = userId;
            message.UnsubscribeUrl = unsubscribeLink.AbsoluteUri;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sending;
    }

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
