using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;

namespace Promisingness.Web.Security;

public static class EntryAccess
{
    /// <summary>What the rules need to know about a stored entry: owner, visibility, authors, listed researchers (a summary's author among them).</summary>
    public static async Task<EntryAccessFacts?> FactsAsync(WikiDbContext db, int entryId, CancellationToken cancellationToken = default)
    {
        if (await EntryRowOf.For(db)(db, entryId, cancellationToken) is not { } entry)
        {
            return null;
        }
        var authors = await AuthorsOf(db, entryId).ToHashSetAsync(cancellationToken: cancellationToken);
        var researchers = await ListedMembersOf(db, entryId).ToHashSetAsync(cancellationToken: cancellationToken);
        return new EntryAccessFacts(entry.Visibility, entry.ProgramId, authors, researchers) { Kind = entry.Kind };
    }

    private sealed record EntryRow(Visibility Visibility, int? ProgramId, EntryKind Kind);

    // Compiled: every save and comment asks these.
    private static readonly CompiledQuery<Func<WikiDbContext, int, CancellationToken, Task<EntryRow?>>> EntryRowOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId, CancellationToken cancellationToken) =>
            db.Entries.Where(e => e.Id == entryId).Select(e => new EntryRow(e.Visibility, e.ProgramId, e.Kind)).FirstOrDefault()));

    /// <summary>The members listed on the entry: a topic's researchers, and the person whose week a summary is.</summary>
    public static IAsyncEnumerable<int> ListedMembersOf(WikiDbContext db, int entryId) => ListedMembers.For(db)(db, entryId);

    private static readonly CompiledQuery<Func<WikiDbContext, int, IAsyncEnumerable<int>>> ListedMembers = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId) => db.TopicResearchers.Where(r => r.EntryId == entryId).Select(r => r.MemberId)
            // The person whose week a summary is counts as listed on it, even when the mentor wrote it.
            .Concat(db.WeeklySummaries.Where(s => s.EntryId == entryId).Select(s => s.AuthorMemberId))));

    /// <summary>
    /// The users who saved a revision of the entry. Asked member by member, one index probe each, rather than by
    /// reading the entry's revisions: this runs on every save, and a much-edited entry has thousands of revisions
    /// and a few authors, and the save asks twice.
    /// </summary>
    public static IAsyncEnumerable<string> AuthorsOf(WikiDbContext db, int entryId) => Authors.For(db)(db, entryId);

    private static readonly CompiledQuery<Func<WikiDbContext, int, IAsyncEnumerable<string>>> Authors = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId) => db.Users.Where(u => db.Revisions.Any(r => r.EntryId == entryId && r.AuthorUserId == u.Id)).Select(u => u.Id)));
}
