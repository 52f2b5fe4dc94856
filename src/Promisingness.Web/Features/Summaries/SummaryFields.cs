using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Summaries.Review;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Summaries;

/// <summary>
/// A weekly summary's own fields (week, topic, whose week) in the save path: completing the input, checking
/// it, applying it to the entry, reading it back for the editor or from a revision; and its review state,
/// which an edit after approval sends back to review and which a save checks again at its write.
/// </summary>
public sealed class SummaryFields(IDbContextFactory<WikiDbContext> dbFactory) : IEntryKindFields
{
    public EntryKind Kind => EntryKind.WeeklySummary;

    public const string WeekField = "Summary.Week";
    public const string TopicField = "Summary.TopicId";
    public const string AuthorField = "Summary.Author";

    /// <summary>Not a problem but the slug of the summary that already covers this week, to link to beside the message.</summary>
    public const string ExistingField = "Summary.Existing";

    private const string NotLinked = "Your account is not linked to a person on the team list, so it has no week to summarise. Ask an admin to link it.";

    /// <summary>A summary's program is its author's; an empty title becomes "Week 48, 2026 — Topic — Name", the topic only when it is public.</summary>
    public async Task<EntryInput> CompleteAsync(EntryInput input, CancellationToken cancellationToken = default)
    {
        if (input.Summary is not { } summary)
        {
            return input;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var author = await db.Members.AsNoTracking().Where(m => m.Id == summary.AuthorMemberId).Select(m => new { m.Name, m.ProgramId }).FirstOrDefaultAsync(cancellationToken);
        if (author is null)
        {
            // No title to make without a person; the missing person is what the check will explain.
            return string.IsNullOrWhiteSpace(input.Title) ? input with { Title = "Weekly summary" } : input;
        }
        var title = input.Title;
        if (string.IsNullOrWhiteSpace(title) && IsoWeek.TryParse(summary.Week, out var week))
        {
            // Only a public topic is named: the title (and the address made from it) goes public with the summary
            // when the mentor publishes it, and a team-only topic's name must not.
            var topic = summary.TopicId is { } topicId
                ? await db.Entries.ReadableBy(reader: null).AsNoTracking().Where(e => e.Id == topicId && e.Kind == EntryKind.Topic).Select(e => e.Title).FirstOrDefaultAsync(cancellationToken)
                : null;
            title = DefaultTitle(week.Value, topic, author.Name);
        }
        return input with { Title = title, ProgramId = author.ProgramId };
    }

    /// <summary>A long topic is shortened, so that the address made from the title still names the person.</summary>
    public static string DefaultTitle(IsoWeek week, string? topic, string author)
    {
        const int TopicRoom = 40;
        if (topic is { Length: > TopicRoom })
        {
            var cut = topic.LastIndexOf(' ', TopicRoom);
            topic = topic[..(cut > TopicRoom / 2 ? cut : TopicRoom)].TrimEnd(' ', ',', ';', ':', '-') + "…";
        }
        var title = topic is null ? $"{week.Label} — {author}" : $"{week.Label} — {topic} — {author}";
        return title.Length <= Entry.TitleMaxLength ? title : title[..Entry.TitleMaxLength];
    }

    /// <summary>
    /// Why a summary's fields cannot be saved as given, or null. <paramref name="entry"/> is the stored
    /// summary (with its Summary loaded), or null for a new one.
    /// </summary>
    public async Task<SaveResult?> CheckAsync(WikiDbContext db, WikiUser? user, EntryInput input, Entry? entry, CancellationToken cancellationToken)
    {
        if (input.Visibility == Visibility.Public && entry?.Visibility != Visibility.Public)
        {
            return new SaveResult.Refused("A weekly summary becomes public when the mentor publishes it after approving it, from the summary's page.");
        }
        if (input.Summary is not { } summary)
        {
            return entry is null ? new SaveResult.Refused("A weekly summary needs its week and its author.") : null;
        }

        if (user is { SeesEverything: false, MemberId: null } && entry is null)
        {
            return new SaveResult.Refused(NotLinked);
        }
        var problems = new Dictionary<string, string>();
        if (!IsoWeek.TryParse(summary.Week, out var week))
        {
            problems[WeekField] = "Choose a week, written like 2026-W48.";
        }
        string? topicTitle = null;
        if (summary.TopicId is { } topicId)
        {
            topicTitle = await db.Entries.AsNoTracking().Where(e => e.Id == topicId && e.Kind == EntryKind.Topic).Select(e => e.Title).FirstOrDefaultAsync(cancellationToken);
            if (topicTitle is null)
            {
                problems[TopicField] = "Choose one of the research topics.";
            }
        }
        var author = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == summary.AuthorMemberId, cancellationToken);
        if (author is null)
        {
            problems[AuthorField] = "Choose whose week this summary is about.";
        }
        if (problems.Count > 0)
        {
            return new SaveResult.Invalid(problems);
        }

        var keepsAuthor = entry?.Summary?.AuthorMemberId == summary.AuthorMemberId;
        if (user is { SeesEverything: false } && !keepsAuthor && user.MemberId != summary.AuthorMemberId)
        {
            return new SaveResult.Refused(user.MemberId is null ? NotLinked : "You write summaries of your own week; the mentor can write one for someone else.");
        }

        var weekText = week!.Value.ToString();
        var entryId = entry?.Id ?? 0;
        var existing = await db.WeeklySummaries.AsNoTracking()
            .Where(s => s.Week == weekText && s.AuthorMemberId == summary.AuthorMemberId && s.TopicId == summary.TopicId && s.EntryId != entryId)
            .Select(s => s.Entry!.Slug)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return new SaveResult.Invalid(new Dictionary<string, string>
            {
                [WeekField] = $"{author!.Name} already has a summary for {week.Value.Label}{(topicTitle is null ? " without a topic" : $" on “{topicTitle}”")}: open it instead.",
                [ExistingField] = existing,
            });
        }
        return null;
    }

    /// <summary>Sets the week, topic and author; a new summary starts as a draft in review terms.</summary>
    public async Task ApplyAsync(WikiDbContext db, Entry entry, EntryInput entryInput, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (entryInput.Summary is not { } input)
        {
            return;
        }
        var week = IsoWeek.TryParse(input.Week, out var parsed) ? parsed.Value.ToString() : input.Week;
        entry.Summary ??= new WeeklySummary { Week = week, State = ReviewState.Draft, StateSince = now };
        entry.Summary.Week = week;
        entry.Summary.TopicId = input.TopicId;
        entry.Summary.AuthorMemberId = input.AuthorMemberId;
        if (entry.Summary.AuthorMember?.Id != input.AuthorMemberId)
        {
            entry.Summary.AuthorMember = await db.Members.FirstAsync(m => m.Id == input.AuthorMemberId, cancellationToken);
        }
    }

    public void OnRevision(WikiDbContext db, Entry entry, string before, Author author, DateTimeOffset at) =>
        ReviewWorkflow.OnRevision(db, entry, before, author, at);

    /// <summary>
    /// A stored summary's save checks, at its write, that no reviewer moved its state since it was read: an
    /// approval landing between the read and the write would otherwise miss this edit.
    /// </summary>
    public bool ChecksStateAtWrite(Entry entry) => entry.Summary is not null && entry.Id != 0;

    public async Task<bool> StillAsReadAsync(WikiDbContext db, Entry entry, CancellationToken cancellationToken)
    {
        // A write, so that the save's transaction holds SQLite's write lock from here to its commit.
        var seen = db.Entry(entry.Summary!).Property(s => s.State).OriginalValue;
        var unchanged = await db.WeeklySummaries.Where(s => s.EntryId == entry.Id && s.State == seen)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.State, s => s.State), cancellationToken);
        return unchanged > 0;
    }

    public EntryInput Read(Entry entry, EntryInput common) => common with { Summary = InputOf(entry) };

    public Task<EntryInput> BlankAsync(WikiDbContext db, WikiUser? user, EntryInput common, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(common with { Summary = Blank(user, now) });

    public static SummaryInput? InputOf(Entry entry) =>
        entry.Summary is { } summary ? new SummaryInput(summary.Week, summary.TopicId, summary.AuthorMemberId) : null;

    /// <summary>What a new summary starts with: this week, no topic yet, the writer's own week.</summary>
    public static SummaryInput Blank(WikiUser? user, DateTimeOffset now) => new(IsoWeek.Of(now).ToString(), null, user?.MemberId ?? 0);

    /// <summary>A revision's summary fields as editor input, for a restore; none when its person is no longer known.</summary>
    public async Task<EntryInput> FromRevisionAsync(WikiDbContext db, EntryFields fields, EntryInput common, CancellationToken cancellationToken)
    {
        if (fields.Summary is not { } summary)
        {
            return common;
        }
        var authorId = await db.Members.Where(m => m.Slug == summary.Author).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
        return authorId is null ? common : common with { Summary = new SummaryInput(summary.Week, summary.TopicId, authorId.Value) };
    }
}
