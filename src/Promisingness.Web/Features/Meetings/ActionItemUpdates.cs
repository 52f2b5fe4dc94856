using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Caching;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Meetings;

/// <summary>
/// Ticking an action item off without opening the meeting's editor. It is still an edit of the meeting,
/// so it appends a revision like any other.
/// </summary>
public sealed class ActionItemUpdates(
    IDbContextFactory<WikiDbContext> dbFactory,
    RevisionRecorder recorder,
    WikiUsers users,
    PublicPageCache cache,
    TimeProvider clock)
{
    /// <summary>Null when done; otherwise what the user should be told.</summary>
    public async Task<string?> SetDoneAsync(string userId, int actionItemId, bool done, CancellationToken cancellationToken = default)
    {
        var user = await users.LoadAsync(userId, cancellationToken);
        // A save by someone else between our read and our write is simply read again: ticking a box merges with anything.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var entryId = await db.ActionItems.Where(a => a.Id == actionItemId).Select(a => (int?)a.EntryId).FirstOrDefaultAsync(cancellationToken);
            var facts = entryId is { } id ? await EntryAccess.FactsAsync(db, id, cancellationToken) : null;
            if (facts is null || !EntryPermissions.Can(user, EntryOperation.Read, facts))
            {
                return "This action item does not exist, or you may not see it.";
            }
            var entry = await EntryGraph.WithFieldsAsync(db, entryId!.Value, cancellationToken) ?? throw new InvalidOperationException($"Entry #{entryId} is gone.");
            var item = entry.ActionItems.First(a => a.Id == actionItemId);
            var owns = user?.MemberId is { } me && item.OwnerMemberId == me;
            if (!EntryPermissions.Can(user, EntryOperation.Edit, facts) && !(owns && user is { Locked: false }))
            {
                return "Only its owner or someone who may edit the meeting can tick this off.";
            }
            var before = RevisionRecorder.Snapshot(entry);
            var now = clock.GetUtcNow();
            item.Done = done;
            item.DoneAt = done ? item.DoneAt ?? now : null;
            var note = done ? $"Done: {item.Text}" : $"Not done after all: {item.Text}";
            if (!recorder.RecordIfChanged(db, entry, before, new Author(user!.Name, user.Id, user.ProgramId), now, note.Length > 500 ? note[..500] : note))
            {
                return null;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await cache.EvictAsync(cancellationToken);
                return null;
            }
            catch (DbUpdateException e) when (LostRace.Is(e))
            {
                // Read the meeting again and tick the box on the newer revision.
            }
        }
        return "The meeting kept changing while you ticked this off. Reload the page and try again.";
    }
}
