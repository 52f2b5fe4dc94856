using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Mail;

public enum OutboxState { Waiting, Sent, Failed }

public sealed record OutboxRow(long Id, string To, string Subject, MailKind Kind, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset? SentAt, DateTimeOffset? FailedAt)
{
    public OutboxState State => SentAt is not null ? OutboxState.Sent : FailedAt is not null ? OutboxState.Failed : OutboxState.Waiting;
}

/// <summary>The outbox as /admin/mail reads it: only admins, checked here on the user as the database holds them.</summary>
public sealed class MailOutbox(IDbContextFactory<WikiDbContext> dbFactory, WikiUsers users, WikiMail mail, TimeProvider clock)
{
    public const int Shown = 100;

    public MailSettings Settings => mail.Settings;

    /// <summary>What waits or failed, then the newest sent; null when the reader is not an admin.</summary>
    public async Task<IReadOnlyList<OutboxRow>?> RecentAsync(string readerUserId, CancellationToken cancellationToken = default)
    {
        if (!await IsAdminAsync(readerUserId, cancellationToken))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Outbox.AsNoTracking()
            .OrderBy(m => m.SentAt == null ? 0 : 1).ThenByDescending(m => m.Id)
            .Take(Shown)
            .Select(m => new OutboxRow(m.Id, m.To, m.Subject, m.Kind, m.CreatedAt, m.Attempts, m.NextAttemptAt, m.LastError, m.SentAt, m.FailedAt))
            .ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>A failed message is tried again now; false when it is not failed (sent meanwhile) or the user is not an admin.</summary>
    public async Task<bool> RetryAsync(string adminUserId, long id, CancellationToken cancellationToken = default)
    {
        if (!await IsAdminAsync(adminUserId, cancellationToken))
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var retried = await db.Outbox.Where(m => m.Id == id && m.FailedAt != null && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.FailedAt, (DateTimeOffset?)null).SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        mail.Wake();
        return retried == 1;
    }

    private async Task<bool> IsAdminAsync(string userId, CancellationToken cancellationToken) =>
        await users.LoadAsync(userId, cancellationToken) is { IsAdmin: true, Locked: false };
}
