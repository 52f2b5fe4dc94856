using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;

namespace Promisingness.Web.Security;

public static class EntryAccess
{
    /// <summary>What the rules need to know about a stored entry: owner, visibility, authors, listed researchers (a summary's author among them).</summary>
    public static async Task<EntryAccessFacts?> FactsAsync(WikiDbContext db, int entryId, CancellationToken cancellationToken = default)
    {
        var entry = await db.Entries.AsNoTracking()
            .Where(e => e.Id == entryId)
            .Select(e => new { e.Visibility, e.ProgramId })
            .FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return null;
        }
        var authors = await db.Revisions.Where(r => r.EntryId == entryId && r.AuthorUserId != null).Select(r => r.AuthorUserId!).Distinct().ToListAsync(cancellationToken);
        var researchers = await db.TopicResearchers.Where(r => r.EntryId == entryId).Select(r => r.MemberId)
            // The person whose week a summary is counts as listed on it, even when the mentor wrote it.
            .Concat(db.WeeklySummaries.Where(s => s.EntryId == entryId).Select(s => s.AuthorMemberId))
            .ToListAsync(cancellationToken);
        return new EntryAccessFacts(entry.Visibility, entry.ProgramId, authors.ToHashSet(), researchers.ToHashSet());
    }
}
