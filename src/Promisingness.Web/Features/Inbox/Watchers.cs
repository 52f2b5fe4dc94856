using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Inbox;

/// <summary>
/// Who follows an entry: its authors and listed researchers without asking, anyone who chose to watch it,
/// less those who chose not to.
/// </summary>
public sealed class Watchers(IDbContextFactory<WikiDbContext> dbFactory)
{
    public static async Task<IReadOnlySet<string>> OfAsync(WikiDbContext db, int entryId, CancellationToken cancellationToken = default)
    {
        // One statement: this runs after every save.
        var authors = db.Revisions.Where(r => r.EntryId == entryId && r.AuthorUserId != null).Select(r => r.AuthorUserId!);
        var researchers = db.Users
            .Where(u => db.TopicResearchers.Any(r => r.EntryId == entryId && r.MemberId == u.MemberId)
                || db.WeeklySummaries.Any(s => s.EntryId == entryId && s.AuthorMemberId == u.MemberId))
            .Select(u => u.Id);
        var chose = db.Watches.Where(w => w.EntryId == entryId && w.Watching).Select(w => w.UserId);
        var declined = db.Watches.Where(w => w.EntryId == entryId && !w.Watching).Select(w => w.UserId);
        var watching = await authors.Union(researchers).Union(chose).Except(declined).ToListAsync(cancellationToken);
        return watching.ToHashSet();
    }

    public async Task<bool> IsWatchingAsync(string userId, int entryId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await OfAsync(db, entryId, cancellationToken)).Contains(userId);
    }

    /// <summary>Records the choice; the caller has checked that the user may read the entry.</summary>
    public async Task SetAsync(string userId, int entryId, bool watching, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Watches.FirstOrDefaultAsync(w => w.UserId == userId && w.EntryId == entryId, cancellationToken);
        if (row is null)
        {
            db.Watches.Add(new Watch { UserId = userId, EntryId = entryId, Watching = watching });
        }
        else
        {
            row.Watching = watching;
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
