using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Mail;

/// <summary>
/// Delivers the outbox's due rows. Each row is claimed with a compare-and-swap UPDATE first, so that on several
/// instances one sends it; it is marked sent after the hand-over. A crash between the two leaves a claim that
/// expires, and the row is sent again once, with the same Message-ID. A failure waits longer each time (from
/// Mail:FirstRetryMilliseconds up to an hour) and after a day the row is given up, with its last error kept.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<WikiDbContext> dbFactory,
    WikiMail mail,
    TimeProvider clock,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int Batch = 20;

    /// <summary>Longer than a batch can take to send (20 messages, 30 s timeout each at worst, and the connection).</summary>
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(15);

    private readonly MailDrop drop = new(mail.Settings);
    private readonly WikiUsers users = new(dbFactory, clock);

    /// <summary>The last error of a notification not sent because its recipient may no longer read what it names.</summary>
    public const string Withheld = "Not sent: its recipient may no longer read the entry it names (or their account is locked or gone).";

    /// <summary>Who holds a claim: this process on this machine.</summary>
    public string Instance { get; } = $"{Guid.NewGuid():N}/{Environment.ProcessId}/{Environment.MachineName}" is var name && name.Length > 100 ? name[..100] : name;

    private MailSettings Settings => mail.Settings;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Information, not a warning: a wiki without mail is a supported set-up, and a first start logs no warning.
        if (Settings.UsesSmtp)
        {
            logger.LogInformation("Mail goes to {Destination}.", Settings.Destination);
        }
        else
        {
            logger.LogInformation("No Smtp:Host is set: mail is not sent but written as {Destination}.", Settings.Destination);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database away or busy: the rows stay, and the next look finds them.
                logger.LogWarning(e, "The outbox could not be read; looking again shortly.");
            }
            try
            {
                await mail.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>Sends what is due now and not claimed by anyone; returns how many were handed over.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await Due(db, now).OrderBy(m => m.Id).Take(Batch).AsNoTracking().ToListAsync(cancellationToken);
        var claimed = new List<OutboxMessage>();
        foreach (var row in due)
        {
            if (await ClaimAsync(db, row.Id, now, cancellationToken))
            {
                claimed.Add(row);
            }
        }
        if (claimed.Count == 0)
        {
            return 0;
        }

        IMailSession session;
        try
        {
            session = await drop.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var row in claimed)
            {
                await FailAsync(db, row, e, cancellationToken);
            }
            return 0;
        }
        var sent = 0;
        await using (session)
        {
            foreach (var row in claimed)
            {
                // Checked once the server answers, just before the message goes: access lost while the connection
                // opened (or while the mail waited for the server) withholds it.
                if (!await MayReadAsync(db, row, cancellationToken))
                {
                    await WithholdAsync(db, row.Id, cancellationToken);
                    continue;
                }
                try
                {
                    await session.SendAsync(row, drop.Build(row), cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    await FailAsync(db, row, e, cancellationToken);
                    continue;
                }
                await MarkSentAsync(db, row.Id, cancellationToken);
                sent++;
            }
        }
        return sent;
    }

    private static IQueryable<OutboxMessage> Due(WikiDbContext db, DateTimeOffset now) => db.Outbox.Where(m =>
        m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now));

    /// <summary>The compare-and-swap: only the instance whose UPDATE still finds the row due and unclaimed gets it.</summary>
    private async Task<bool> ClaimAsync(WikiDbContext db, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now + ClaimFor;
        var instance = Instance;
        return await Due(db, now).Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ClaimedBy, instance)
            .SetProperty(m => m.ClaimedUntil, until)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken) == 1;
    }

    /// <summary>Checked at send time, not only when queued: access may have been lost while the mail waited.</summary>
    private async Task<bool> MayReadAsync(WikiDbContext db, OutboxMessage row, CancellationToken cancellationToken)
    {
        if (row.RecipientUserId is null)
        {
            return true;
        }
        if (await users.LoadAsync(row.RecipientUserId, cancellationToken) is not { Locked: false } user)
        {
            return false;
        }
        return row.EntryId is not { } entryId
            || (await EntryAccess.FactsAsync(db, entryId, cancellationToken) is { } facts && EntryPermissions.Can(user, EntryOperation.ReadComments, facts));
    }

    private async Task WithholdAsync(WikiDbContext db, long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var instance = Instance;
        await db.Outbox.Where(m => m.Id == id && m.ClaimedBy == instance).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.FailedAt, now)
            .SetProperty(m => m.LastError, Withheld)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
    }

    private async Task MarkSentAsync(WikiDbContext db, long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var instance = Instance;
        // Not cancelled with the host: a message handed over must be marked, or it would be sent again.
        await db.Outbox.Where(m => m.Id == id && m.ClaimedBy == instance).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    private async Task FailAsync(WikiDbContext db, OutboxMessage row, Exception e, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var attempts = row.Attempts + 1;
        var wait = TimeSpan.FromTicks(Math.Min(Settings.LongestRetry.Ticks, Settings.FirstRetry.Ticks * (1L << Math.Min(attempts - 1, 20))));
        var giveUp = now - row.CreatedAt >= Settings.GiveUpAfter;
        var error = $"{e.GetType().Name}: {e.Message}".ReplaceLineEndings(" ");
        error = error.Length > 1000 ? error[..1000] : error;
        var instance = Instance;
        DateTimeOffset? failedAt = giveUp ? now : null;
        await db.Outbox.Where(m => m.Id == row.Id && m.ClaimedBy == instance).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.NextAttemptAt, now + wait)
            .SetProperty(m => m.FailedAt, failedAt)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
        // The message's address and subject, never its body: a reset link in a log would open the account.
        logger.LogWarning("Mail #{Id} ({Kind}) to {To} was not sent (attempt {Attempts}{GaveUp}): {Error}",
            row.Id, row.Kind, row.To, attempts, giveUp ? ", given up" : $", next in {wait}", error);
    }
}
