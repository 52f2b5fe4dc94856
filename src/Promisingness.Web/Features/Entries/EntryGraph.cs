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
    /// The rows are tracked by the same context, which hangs them on the entry's collections.
    /// </summary>
    public static async Task<Entry?> WithFieldsAsync(WikiDbContext db, int entryId, CancellationToken cancellationToken = default)
    {
        if (await EntryOf.For(db)(db, entryId, cancellationToken) is not { } entry)
        {
            return null;
        }
        switch (entry.Kind)
        {
            case EntryKind.Topic:
                await LoadAsync(ResearchersOf.For(db)(db, entryId), cancellationToken);
                await LoadAsync(OutputsOf.For(db)(db, entryId), cancellationToken);
                break;
            case EntryKind.Question:
                await LoadAsync(LinkedTopicsOf.For(db)(db, entryId), cancellationToken);
                break;
            case EntryKind.Meeting:
                await LoadAsync(AttendeesOf.For(db)(db, entryId), cancellationToken);
                await LoadAsync(ActionItemsOf.For(db)(db, entryId), cancellationToken);
                break;
        }
        return entry;
    }

    private static async Task LoadAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        await foreach (var _ in rows.WithCancellation(cancellationToken))
        {
        }
    }

    // Compiled: every save asks these.
    private static readonly CompiledQuery<Func<WikiDbContext, int, CancellationToken, Task<Entry?>>> EntryOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId, CancellationToken cancellationToken) => db.Entries
            .Include(e => e.Tags)
            .Include(e => e.Meeting)
            .Include(e => e.Summary).ThenInclude(s => s!.AuthorMember)
            .FirstOrDefault(e => e.Id == entryId)));

    private static readonly CompiledQuery<Func<WikiDbContext, int, IAsyncEnumerable<TopicResearcher>>> ResearchersOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId) => db.TopicResearchers.Include(r => r.Member).Where(r => r.EntryId == entryId)));

    private static readonly CompiledQuery<Func<WikiDbContext, int, IAsyncEnumerable<TopicOutput>>> OutputsOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId) => db.TopicOutputs.Where(o => o.EntryId == entryId)));

    private static readonly CompiledQuery<Func<WikiDbContext, int, IAsyncEnumerable<QuestionTopic>>> LinkedTopicsOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId) => db.QuestionTopics.Where(l => l.QuestionId == entryId)));

    private static readonly CompiledQuery<Func<WikiDbContext, int, IAsyncEnumerable<MeetingAttendee>>> AttendeesOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId) => db.MeetingAttendees.Include(a => a.Member).Where(a => a.EntryId == entryId)));

    private static readonly CompiledQuery<Func<WikiDbContext, int, IAsyncEnumerable<ActionItem>>> ActionItemsOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId) => db.ActionItems.Include(a => a.Owner).Where(a => a.EntryId == entryId)));
}
