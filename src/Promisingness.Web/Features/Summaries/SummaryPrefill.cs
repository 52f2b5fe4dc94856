using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Summaries;

/// <summary>
/// The Markdown a new summary starts with: what its author did in the wiki that week (entries changed and
/// by how much, meetings attended, action items done, discussions resolved), for them to edit.
/// </summary>
public sealed class SummaryPrefill(IDbContextFactory<WikiDbContext> dbFactory)
{
    public sealed record EntryChange(string Slug, string Title, int Revisions, bool Created, int LinesAdded, int LinesRemoved, int WordsChanged);

    public sealed record Attended(string Slug, string Title, DateOnly Date);

    public sealed record ActionDone(string Text, string MeetingSlug, string MeetingTitle);

    public sealed record Resolved(string Slug, string Title, string? Quote);

    public sealed record WeekActivity(IReadOnlyList<EntryChange> Entries, IReadOnlyList<Attended> Meetings, IReadOnlyList<ActionDone> ActionItems, IReadOnlyList<Resolved> Threads)
    {
        public bool IsEmpty => Entries.Count + Meetings.Count + ActionItems.Count + Threads.Count == 0;
    }

    public async Task<string> MarkdownAsync(int authorMemberId, IsoWeek week, CancellationToken cancellationToken = default) =>
        ToMarkdown(await ActivityAsync(authorMemberId, week, cancellationToken));

    public async Task<WeekActivity> ActivityAsync(int authorMemberId, IsoWeek week, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == authorMemberId, cancellationToken);
        if (member is null)
        {
            return new WeekActivity([], [], [], []);
        }
        var accounts = await db.Users.AsNoTracking().Where(u => u.MemberId == authorMemberId).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        var userIds = accounts.Select(a => a.Id).ToList();
        var names = accounts.Select(a => a.DisplayName).Append(member.Name).Where(n => n.Length > 0).Distinct().ToList();
        var (start, end) = (week.Start, week.End);

        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => r.AuthorUserId != null && userIds.Contains(r.AuthorUserId) && r.CreatedAt >= start && r.CreatedAt < end && r.Entry!.Kind != EntryKind.WeeklySummary)
            .Select(r => new { r.EntryId, r.Number, r.BodyMarkdown, r.Entry!.Slug, r.Entry.Title })
            .ToListAsync(cancellationToken);
        var earlier = new Dictionary<(int EntryId, int Number), string>();
        foreach (var group in revisions.GroupBy(r => r.EntryId))
        {
            // Each revision is measured against the one before it, whoever wrote that.
            var numbers = group.Select(r => r.Number - 1).ToList();
            var bodies = await db.Revisions.AsNoTracking().Where(r => r.EntryId == group.Key && numbers.Contains(r.Number))
                .Select(r => new { r.Number, r.BodyMarkdown }).ToListAsync(cancellationToken);
            foreach (var body in bodies)
            {
                earlier[(group.Key, body.Number)] = body.BodyMarkdown;
            }
        }
        var entries = revisions
            .GroupBy(r => r.EntryId)
            .Select(group =>
            {
                var (added, removed, words) = (0, 0, 0);
                foreach (var revision in group)
                {
                    var (a, r, w) = Size(earlier.GetValueOrDefault((revision.EntryId, revision.Number - 1), ""), revision.BodyMarkdown);
                    (added, removed, words) = (added + a, removed + r, words + w);
                }
                var first = group.First();
                return new EntryChange(first.Slug, first.Title, group.Count(), group.Any(r => r.Number == 1), added, removed, words);
            })
            .OrderByDescending(e => e.WordsChanged).ThenBy(e => e.Title, StringComparer.Ordinal)
            .ToList();

        var (monday, sunday) = (week.Monday, week.Sunday);
        var meetings = await db.MeetingAttendees.AsNoTracking()
            .Where(a => a.MemberId == authorMemberId && a.Entry!.Meeting != null && a.Entry.Meeting.Date >= monday && a.Entry.Meeting.Date <= sunday)
            .OrderBy(a => a.Entry!.Meeting!.Date)
            .Select(a => new Attended(a.Entry!.Slug, a.Entry.Title, a.Entry.Meeting!.Date))
            .ToListAsync(cancellationToken);
        var actions = await db.ActionItems.AsNoTracking()
            .Where(a => a.OwnerMemberId == authorMemberId && a.Done && a.DoneAt >= start && a.DoneAt < end)
            .OrderBy(a => a.DoneAt)
            .Select(a => new ActionDone(a.Text, a.Entry!.Slug, a.Entry.Title))
            .ToListAsync(cancellationToken);
        var threads = await db.CommentThreads.AsNoTracking()
            .Where(t => t.ResolvedAt >= start && t.ResolvedAt < end && t.ResolvedByName != null && names.Contains(t.ResolvedByName))
            .OrderBy(t => t.ResolvedAt)
            .Select(t => new Resolved(t.Entry!.Slug, t.Entry.Title, t.Quote))
            .ToListAsync(cancellationToken);
        return new WeekActivity(entries, meetings, actions, threads);
    }

    public static string ToMarkdown(WeekActivity activity)
    {
        var text = new StringBuilder();
        text.AppendLine("## What I did this week").AppendLine();
        if (activity.IsEmpty)
        {
            text.AppendLine("_Nothing of this week is recorded in the wiki yet: write what you read, tried and found._").AppendLine();
        }
        Section(text, "Entries I changed", activity.Entries, e =>
            $"{Link(e.Slug, e.Title)}: {(e.Created ? "created, " : "")}{Count(e.Revisions, "revision")}, +{e.LinesAdded} −{e.LinesRemoved} lines, {Count(e.WordsChanged, "word")} changed");
        Section(text, "Meetings I attended", activity.Meetings, m =>
            $"{Link(m.Slug, m.Title)} ({m.Date.ToString("ddd d MMM", CultureInfo.InvariantCulture)})");
        Section(text, "Action items I finished", activity.ActionItems, a => $"{Plain(a.Text)} (from {Link(a.MeetingSlug, a.MeetingTitle)})");
        Section(text, "Discussions I resolved", activity.Threads, t =>
            t.Quote is { Length: > 0 } quote ? $"On {Link(t.Slug, t.Title)}: “{Plain(Shorten(quote, 80))}”" : $"On {Link(t.Slug, t.Title)}");
        text.AppendLine("## What I learned").AppendLine().AppendLine();
        text.AppendLine("## Next week").AppendLine();
        return text.ToString();
    }

    /// <summary>Lines added and removed, and words changed within them, from one text to the next.</summary>
    public static (int LinesAdded, int LinesRemoved, int WordsChanged) Size(string before, string after)
    {
        var lines = TextDiff.Lines(before, after);
        var words = lines.Where(l => l.Kind != DiffKind.Same)
            .SelectMany(l => l.Spans.Where(s => s.Kind != DiffKind.Same))
            .Sum(s => s.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
        return (lines.Count(l => l.Kind == DiffKind.Added), lines.Count(l => l.Kind == DiffKind.Removed), words);
    }

    private static void Section<T>(StringBuilder text, string heading, IReadOnlyList<T> items, Func<T, string> line)
    {
        if (items.Count == 0)
        {
            return;
        }
        text.AppendLine($"### {heading}").AppendLine();
        foreach (var item in items)
        {
            text.AppendLine($"- {line(item)}");
        }
        text.AppendLine();
    }

    /// <summary>A wiki link by slug, so a later rename of the entry still resolves; brackets and bars would end it early.</summary>
    private static string Link(string slug, string title) => $"[[{slug}|{Plain(title).Replace("|", "/", StringComparison.Ordinal)}]]";

    private static string Plain(string text) => text.ReplaceLineEndings(" ").Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal);

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
