using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>
/// What a member typed and has not saved yet: one draft per member and entry, or per member and kind for
/// an entry not yet created. Autosave writes it; a save, or a refused save, ends it.
/// </summary>
public sealed class EntryDrafts(IDbContextFactory<WikiDbContext> dbFactory, ILogger<EntryDrafts> logger, TimeProvider clock)
{
    /// <summary>An autosave that the database refuses is logged and reported, never thrown at the page: the text is still in the editor.</summary>
    private async Task<bool> KeepDraftAsync(string what, Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (Exception e) when (DatabaseFaults.Describe(e) is not null)
        {
            logger.LogWarning(e, "{What} failed in the database; the editor still holds the text", what);
            return false;
        }
    }

    /// <summary>Keeps what the user typed (autosave, or a refused save) so that nothing is lost. False when the database refused.</summary>
    public Task<bool> SaveDraftAsync(string userId, int entryId, int baseRevision, string title, string body, CancellationToken cancellationToken = default) =>
        KeepDraftAsync($"Autosaving a draft of entry #{entryId}", () => SaveDraftUnguardedAsync(userId, entryId, baseRevision, title, body, cancellationToken));

    private async Task SaveDraftUnguardedAsync(string userId, int entryId, int baseRevision, string title, string body, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await KeepAsync(db, DraftOf(db, userId, entryId),
            new EditDraft { UserId = userId, EntryId = entryId, Title = title, Body = body, BaseRevisionNumber = baseRevision, SavedAt = clock.GetUtcNow() }, cancellationToken);
    }

    // Updated in place, not read first: the autosave of a long text would read back the megabyte it replaces.
    private static async Task KeepAsync(WikiDbContext db, IQueryable<EditDraft> existing, EditDraft draft, CancellationToken cancellationToken)
    {
        var updated = await existing.ExecuteUpdateAsync(set => set
            .SetProperty(d => d.Title, draft.Title)
            .SetProperty(d => d.Body, draft.Body)
            .SetProperty(d => d.BaseRevisionNumber, draft.BaseRevisionNumber)
            .SetProperty(d => d.SavedAt, draft.SavedAt), cancellationToken);
        if (updated == 0)
        {
            db.EditDrafts.Add(draft);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Keeps what the user typed for an entry they have not created yet: one such draft per person and kind.</summary>
    public Task<bool> SaveNewDraftAsync(string userId, EntryKind kind, string title, string body, CancellationToken cancellationToken = default) =>
        KeepDraftAsync($"Autosaving a draft of a new {kind}", () => SaveNewDraftUnguardedAsync(userId, kind, title, body, cancellationToken));

    private async Task SaveNewDraftUnguardedAsync(string userId, EntryKind kind, string title, string body, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await KeepAsync(db, NewDraftOf(db, userId, kind), new EditDraft { UserId = userId, Kind = kind, Title = title, Body = body, SavedAt = clock.GetUtcNow() }, cancellationToken);
    }

    public async Task<EditDraft?> NewDraftAsync(string userId, EntryKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await NewDraftOf(db, userId, kind).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
    }

    public async Task DiscardNewDraftAsync(string userId, EntryKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await NewDraftOf(db, userId, kind).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<EditDraft?> DraftAsync(string userId, int entryId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await DraftOf(db, userId, entryId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
    }

    public async Task DiscardDraftAsync(string userId, int entryId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await DraftOf(db, userId, entryId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A member's autosaved draft of an entry not created yet: one per member and kind.</summary>
    private static IQueryable<EditDraft> NewDraftOf(WikiDbContext db, string userId, EntryKind kind) =>
        db.EditDrafts.Where(d => d.UserId == userId && d.EntryId == null && d.Kind == kind);

    /// <summary>A member's autosaved draft of an entry: one per member and entry.</summary>
    private static IQueryable<EditDraft> DraftOf(WikiDbContext db, string userId, int entryId) =>
        db.EditDrafts.Where(d => d.UserId == userId && d.EntryId == entryId);

    // The same, tracked, for every save (which removes it): compiled, as EF's
    // building and matching of the LINQ cost more than its statement (bench/ scenario 7).
    internal static readonly CompiledQuery<Func<WikiDbContext, string, int, CancellationToken, Task<EditDraft?>>> TrackedDraftOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, string userId, int entryId, CancellationToken cancellationToken) => db.EditDrafts.FirstOrDefault(d => d.UserId == userId && d.EntryId == entryId)));

}
