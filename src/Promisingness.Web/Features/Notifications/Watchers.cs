using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Notifications;

/// <summary>
/// Who follows an entry: its authors and listed researchers without asking, anyone who chose to watch it,
/// less those who chose not to.
/// </summary>
public sealed class Watchers(IDbContextFactory<WikiDbContext> dbFactory)
{
    public static async Task<IReadOnlySet<string>> OfAsync(WikiDbContext db, int entryId, CancellationToken cancellationToken = default)
    {
        // Small compiled statements, as this runs after every save.
        var watching = await EntryAccess.AuthorsOf(db, entryId).ToHashSetAsync(cancellationToken: cancellationToken);
        var listed = await EntryAccess.ListedMembersOf(db, entryId).ToListAsync(cancellationToken);
        if (listed.Count > 0)
        {
            watching.UnionWith(await db.Users.Where(u => u.MemberId != null && listed.Contains(u.MemberId.Value)).Select(u => u.Id).ToListAsync(cancellationToken));
        }
        var declined = new List<string>();
        await foreach (var choice in ChoicesOf.For(db)(db, entryId).WithCancellation(cancellationToken))
        {
            if (choice.Watching)
            {
                watching.Add(choice.UserId);
            }
            else
            {
                declined.Add(choice.UserId);
            }
        }
        watching.ExceptWith(declined);
        return watching;
    }

    private sealed record Choice(string UserId, bool Watching);

    private static readonly CompiledQuery<Func<WikiDbContext, int, IAsyncEnumerable<Choice>>> ChoicesOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId) => db.Watches.Where(w => w.EntryId == entryId).Select(w => new Choice(w.UserId, w.Watching))));

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
