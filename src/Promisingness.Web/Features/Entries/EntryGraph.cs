using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries;

/// <summary>Loading an entry with every row its revision records, so a snapshot sees all of its fields.</summary>
public static class EntryGraph
{
    /// <summary>
    /// The entry, tracked, with its fields, or null. Only a topic has researchers and outputs, only a question
    /// linked topics, only a meeting attendees and action items, so only its own kind's rows are read: a save is
    /// CPU-bound on EF's query pipeline (bench/ scenario 7), and a topic takes three statements instead of seven.
    /// </summary>
    public static async Task<Entry?> WithFieldsAsync(WikiDbContext db, int entryId, CancellationToken cancellationToken = default)
    {
        var entry = await db.Entries
            .Include(e => e.Tags)
            .Include(e => e.Meeting)
            .Include(e => e.Summary).ThenInclude(s => s!.AuthorMember)
            .FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return null;
        }
        var tracked = db.Entry(entry);
        switch (entry.Kind)
        {
            case EntryKind.Topic:
                await tracked.Collection(e => e.Researchers).Query().Include(r => r.Member).LoadAsync(cancellationToken);
                await tracked.Collection(e => e.Outputs).LoadAsync(cancellationToken);
                break;
            case EntryKind.Question:
                await tracked.Collection(e => e.LinkedTopics).LoadAsync(cancellationToken);
                break;
            case EntryKind.Meeting:
                await tracked.Collection(e => e.Attendees).Query().Include(a => a.Member).LoadAsync(cancellationToken);
                await tracked.Collection(e => e.ActionItems).Query().Include(a => a.Owner).LoadAsync(cancellationToken);
                break;
        }
        return entry;
    }
}
