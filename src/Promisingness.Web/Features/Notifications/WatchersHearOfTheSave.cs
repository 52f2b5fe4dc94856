using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Notifications;

/// <summary>After a save, the entry's watchers hear of it, each only if they may read the entry as it is now.</summary>
public sealed class WatchersHearOfTheSave(IDbContextFactory<WikiDbContext> dbFactory, Notifier notifier, InboxEvents inbox, TimeProvider clock) : ISaveStep
{
    public Task<AfterCommit?> InTransactionAsync(EntrySave save, CancellationToken cancellationToken) =>
        Task.FromResult<AfterCommit?>(save.IsNew ? null : token => NotifyAsync(save, token));

    private async Task NotifyAsync(EntrySave save, CancellationToken cancellationToken)
    {
        var (writer, entry) = (save.Writer, save.Entry);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var watchers = await Watchers.OfAsync(db, entry.Id, cancellationToken);
        var notified = await notifier.AddAsync(db, watchers, writer.Id,
            new Notifier.Message(NotificationKind.WatchedChange, entry.Id, writer.Name, $"saved revision {entry.RevisionNumber} of an entry you watch", RevisionNumber: entry.RevisionNumber),
            clock.GetUtcNow(), cancellationToken);
        if (notified.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            inbox.Raise(notified);
        }
    }
}
