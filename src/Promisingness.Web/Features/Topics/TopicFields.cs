using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Topics;

/// <summary>A topic's own fields in the save path: who researches it and what it produced.</summary>
public sealed class TopicFields : IEntryKindFields
{
    public EntryKind Kind => EntryKind.Topic;

    /// <summary>
    /// Sets a topic's researchers and outputs. Rows are updated in place; an output taken out is kept,
    /// marked removed, like one gone from the README, so the history can always show it.
    /// </summary>
    public async Task ApplyAsync(WikiDbContext db, Entry entry, EntryInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (input.Topic is not { } topic)
        {
            return;
        }
        var ids = topic.ResearcherMemberIds.Distinct().ToList();
        var members = await db.Members.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        entry.Researchers.RemoveAll(r => !members.ContainsKey(r.MemberId));
        foreach (var (id, position) in ids.Where(members.ContainsKey).Select((id, i) => (id, i)))
        {
            var row = entry.Researchers.FirstOrDefault(r => r.MemberId == id);
            if (row is null)
            {
                row = new TopicResearcher { Member = members[id], CreditedAs = members[id].Name };
                entry.Researchers.Add(row);
            }
            row.Position = position;
        }

        var current = entry.Outputs.Where(o => o.Status != OutputStatus.Removed).OrderBy(o => o.Position).ToList();
        for (var i = 0; i < topic.Outputs.Count; i++)
        {
            var output = topic.Outputs[i];
            var row = i < current.Count ? current[i] : null;
            if (row is null)
            {
                row = new TopicOutput();
                entry.Outputs.Add(row);
            }
            row.Position = i;
            row.Title = string.IsNullOrWhiteSpace(output.Title) ? null : output.Title.Trim();
            row.Url = output.Url.Trim();
            row.Status = output.Status == OutputStatus.Removed ? OutputStatus.Published : output.Status;
            row.SummaryMarkdown = output.Summary;
            row.SummaryHeading ??= output.Summary.Length > 0 ? "Summary:" : null;
        }
        var next = topic.Outputs.Count;
        foreach (var row in current.Skip(topic.Outputs.Count))
        {
            row.Status = OutputStatus.Removed;
            row.Position = next++;
        }
        foreach (var row in entry.Outputs.Where(o => o.Status == OutputStatus.Removed).Except(current).OrderBy(o => o.Position))
        {
            row.Position = next++;
        }
    }

    public EntryInput Read(Entry entry, EntryInput common) => common with
    {
        Topic = new TopicInput(
            [.. entry.Researchers.OrderBy(r => r.Position).Select(r => r.MemberId)],
            [.. entry.Outputs.Where(o => o.Status != OutputStatus.Removed).OrderBy(o => o.Position).Select(o => new OutputInput(o.Title, o.Url, o.Status, o.SummaryMarkdown))]),
    };

    /// <summary>A new topic lists its writer as its researcher.</summary>
    public Task<EntryInput> BlankAsync(WikiDbContext db, WikiUser? user, EntryInput common, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(common with { Topic = new TopicInput(user?.MemberId is { } me ? [me] : [], []) });

    public async Task<EntryInput> FromRevisionAsync(WikiDbContext db, EntryFields fields, EntryInput common, CancellationToken cancellationToken)
    {
        var slugs = fields.Researchers.Select(r => r.Member).ToList();
        var ids = await db.Members.Where(m => slugs.Contains(m.Slug)).ToDictionaryAsync(m => m.Slug, m => m.Id, cancellationToken);
        return common with
        {
            Topic = new TopicInput(
                [.. slugs.Where(ids.ContainsKey).Select(s => ids[s])],
                [.. fields.Outputs.Where(o => o.Status != OutputStatus.Removed).Select(o => new OutputInput(o.Title, o.Url, o.Status, o.Summary))]),
        };
    }
}
