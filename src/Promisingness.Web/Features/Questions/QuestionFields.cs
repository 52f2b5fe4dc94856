using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Questions;

/// <summary>A question's own field in the save path: the topics that work on it.</summary>
public sealed class QuestionFields : IEntryKindFields
{
    public EntryKind Kind => EntryKind.Question;

    /// <summary>Links the question to topics: only to entries that are topics.</summary>
    public async Task ApplyAsync(WikiDbContext db, Entry entry, EntryInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (input.LinkedTopicIds is not { } topicIds)
        {
            return;
        }
        var valid = await db.Entries.Where(e => topicIds.Contains(e.Id) && e.Kind == EntryKind.Topic).Select(e => e.Id).ToListAsync(cancellationToken);
        entry.LinkedTopics.RemoveAll(l => !valid.Contains(l.TopicId));
        foreach (var id in valid.Where(id => !entry.LinkedTopics.Any(l => l.TopicId == id)))
        {
            entry.LinkedTopics.Add(new QuestionTopic { TopicId = id });
        }
    }

    public EntryInput Read(Entry entry, EntryInput common) => common with { LinkedTopicIds = [.. entry.LinkedTopics.Select(t => t.TopicId)] };

    public Task<EntryInput> FromRevisionAsync(WikiDbContext db, EntryFields fields, EntryInput common, CancellationToken cancellationToken) =>
        Task.FromResult(common with { LinkedTopicIds = fields.LinkedTopicIds ?? [] });
}
