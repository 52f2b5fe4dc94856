using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Notifications;

/// <summary>When a new meeting is saved, each member it gives action items hears of it (if they may read the meeting).</summary>
public sealed class OwnersHearOfTheirActionItems(IDbContextFactory<WikiDbContext> dbFactory, Notifier notifier, InboxEvents inbox, TimeProvider clock) : ISaveStep
{
    public Task<AfterCommit?> InTransactionAsync(EntrySave save, CancellationToken cancellationToken) =>
        Task.FromResult<AfterCommit?>(save.IsNew && save.Entry.Kind == EntryKind.Meeting ? token => NotifyAsync(save, token) : null);

    private async Task NotifyAsync(EntrySave save, CancellationToken cancellationToken)
    {
        var (writer, entry) = (save.Writer, save.Entry);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owners = await db.Users
            .Where(u => db.ActionItems.Any(a => a.EntryId == entry.Id && !a.Done && a.OwnerMemberId != null && a.OwnerMemberId == u.MemberId))
            .Select(u => u.Id).ToListAsync(cancellationToken);
        var notified = await notifier.AddAsync(db, owners, writer.Id,
            new Notifier.Message(NotificationKind.ActionItems, entry.Id, writer.Name, "wrote meeting notes that give you action items", RevisionNumber: entry.RevisionNumber),
            clock.GetUtcNow(), cancellationToken);
        if (notified.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            inbox.Raise(notified);
        }
    }
}
