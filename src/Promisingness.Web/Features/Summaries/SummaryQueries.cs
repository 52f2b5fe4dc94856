using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Summaries;

/// <summary>
/// Reading weekly summaries. Everything goes through the one read rule, so an anonymous visitor sees only
/// published summaries; review steps and their notes are for signed-in members only.
/// </summary>
public sealed class SummaryQueries(IDbContextFactory<WikiDbContext> dbFactory)
{
    /// <summary>
    /// The summaries the reader may see, newest week first, a few weeks at a time: those of the newest
    /// <paramref name="weeks"/> weeks up to <paramref name="until"/>, and the next older week, if any, to go on from.
    /// </summary>
    public async Task<SummaryWeeks> ListAsync(WikiUser? reader, IsoWeek? until = null, int weeks = 6, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var last = until?.ToString();
        var shownWeeks = await Summaries(db, reader)
            .Select(e => e.Summary!.Week)
            .Where(w => last == null || w.CompareTo(last) <= 0)
            .Distinct()
            .OrderByDescending(w => w)
            .Take(weeks + 1)
            .ToListAsync(cancellationToken);
        var older = shownWeeks.Count > weeks ? IsoWeek.FromStored(shownWeeks[weeks]) : (IsoWeek?)null;
        shownWeeks = [.. shownWeeks.Take(weeks)];
        var topics = await TopicsAsync(db, reader, cancellationToken);
        var rows = await Summaries(db, reader)
            .Where(e => shownWeeks.Contains(e.Summary!.Week))
            .OrderByDescending(e => e.Summary!.Week).ThenBy(e => e.Summary!.AuthorMember!.Name).ThenBy(e => e.Title)
            .Select(e => new
            {
                e.Slug,
                e.Title,
                e.Summary!.Week,
                e.Summary.TopicId,
                e.Summary.AuthorMemberId,
                Author = e.Summary.AuthorMember!,
                ProgramCode = e.Summary.AuthorMember!.Program == null ? null : e.Summary.AuthorMember.Program.Code,
                e.Summary.State,
                e.Visibility,
                e.BodyHtml,
            })
            .ToListAsync(cancellationToken);
        return new SummaryWeeks([.. rows.Select(r => new SummaryCard(
            r.Slug,
            r.Title,
            IsoWeek.FromStored(r.Week),
            r.TopicId is { } id ? topics.GetValueOrDefault(id) : null,
            new PersonLink(r.Author.Name, r.Author.Slug, r.ProgramCode, r.Author.Role),
            r.State,
            r.Visibility,
            reader?.MemberId == r.AuthorMemberId,
            Excerpts.FromHtml(r.BodyHtml, 220)))], older);
    }

    public async Task<SlugResult<SummaryView>> GetAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (userId, memberId) = ReadAccess.IdsOf(reader);
        var summary = await SummaryOf.For(db, reader)(db, slug, userId, memberId);
        if (summary is null)
        {
            var movedTo = await RenamedEntries.CurrentSlugAsync(db, slug, EntryKind.WeeklySummary, reader, cancellationToken);
            return movedTo is null ? SlugResult<SummaryView>.NotFound : new SlugResult<SummaryView>(null, movedTo);
        }
        var steps = reader is { Locked: false } ? await StepsAsync(db, summary.EntryId, cancellationToken) : null;
        return new SlugResult<SummaryView>(summary with { Steps = steps });
    }

    // Compiled, with the read rule of each scope, for the summary and for its topic: the topic is linked only for a
    // reader who may read it. Members see every summary page uncached (bench/ scenario 2). Steps are read after.
    private static readonly ReaderQuery<Func<WikiDbContext, string, string?, int, Task<SummaryView?>>> SummaryOf = new(scope => EF.CompileAsyncQuery(ReadAccess.ForScope(scope,
        (WikiDbContext db, string slug, string? userId, int memberId) => db.Entries
            .Where(e => e.Slug == slug && e.Kind == EntryKind.WeeklySummary && e.Summary != null && ReadAccess.MayRead(e, userId, memberId))
            .Select(e => new SummaryView(
                e.Id,
                e.Slug,
                e.Title,
                IsoWeek.FromStored(e.Summary!.Week),
                e.Summary.Topic != null && e.Summary.Topic.Kind == EntryKind.Topic && ReadAccess.MayRead(e.Summary.Topic, userId, memberId)
                    ? new TopicLink(e.Summary.Topic.Slug, e.Summary.Topic.Title)
                    : null,
                new PersonLink(e.Summary.AuthorMember!.Name, e.Summary.AuthorMember.Slug, e.Summary.AuthorMember.Program!.Code, e.Summary.AuthorMember.Role),
                e.BodyHtml,
                e.Summary.State,
                e.Summary.StateSince,
                e.Summary.ApprovedRevisionNumber,
                e.RevisionNumber,
                e.Visibility,
                e.UpdatedAt,
                null))
            .FirstOrDefault())));

    /// <summary>
    /// A summary's review steps for its history, or none: review notes are team-internal, like comments,
    /// so an anonymous (or locked) reader gets nothing.
    /// </summary>
    public async Task<IReadOnlyList<ReviewStepView>> StepsAsync(int entryId, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        if (reader is not { Locked: false })
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Entries.ReadableBy(reader).AnyAsync(e => e.Id == entryId, cancellationToken) ? await StepsAsync(db, entryId, cancellationToken) : [];
    }

    private static async Task<List<ReviewStepView>> StepsAsync(WikiDbContext db, int entryId, CancellationToken cancellationToken) =>
        await db.ReviewSteps.AsNoTracking().Where(s => s.EntryId == entryId).OrderBy(s => s.Id)
            .Select(s => new ReviewStepView(s.RevisionNumber, s.Action, s.ActorName, s.At, s.Note)).ToListAsync(cancellationToken);

    /// <summary>Where a summary stands, for the editor's warning that a change to an approved one needs a new review.</summary>
    public async Task<(ReviewState State, Visibility Visibility)?> ReviewStateAsync(int entryId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.WeeklySummaries.AsNoTracking().Where(s => s.EntryId == entryId)
            .Select(s => new { s.State, s.Entry!.Visibility }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.State, row.Visibility);
    }

    /// <summary>
    /// A week at a glance, per program: each researcher and where their summaries stand, including those
    /// who have not written one. A summary the reader may not open is shown by its state only.
    /// </summary>
    public async Task<WeekView> WeekAsync(IsoWeek week, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var weekText = week.ToString();
        var readable = await Summaries(db, reader).Where(e => e.Summary!.Week == weekText).Select(e => e.Id).ToListAsync(cancellationToken);
        var topics = await TopicsAsync(db, reader, cancellationToken);
        var summaries = await db.WeeklySummaries.AsNoTracking()
            .Where(s => s.Week == weekText)
            .OrderBy(s => s.Entry!.Title)
            .Select(s => new { s.EntryId, s.AuthorMemberId, s.TopicId, s.State, s.Entry!.Slug, s.Entry.Title, s.Entry.Visibility })
            .ToListAsync(cancellationToken);
        var authors = summaries.Select(s => s.AuthorMemberId).ToHashSet();
        var people = await db.Members.AsNoTracking().Include(m => m.Program)
            .Where(m => (m.Role == MemberRole.Researcher && m.InReadme) || authors.Contains(m.Id))
            .OrderBy(m => m.Position).ThenBy(m => m.Name)
            .ToListAsync(cancellationToken);
        var programs = await db.Programs.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);

        WeekPerson PersonOf(Member m) => new(
            new PersonLink(m.Name, m.Slug, m.Program?.Code, m.Role),
            [.. summaries.Where(s => s.AuthorMemberId == m.Id).Select(s => readable.Contains(s.EntryId)
                ? new WeekSummaryItem(s.Slug, s.Title, s.TopicId is { } id ? topics.GetValueOrDefault(id)?.Title : null, s.State, s.Visibility == Visibility.Public)
                : new WeekSummaryItem(null, null, null, s.State, s.Visibility == Visibility.Public))]);

        var groups = programs
            .Select(p => new WeekGroup(p.Name, p.Code, [.. people.Where(m => m.ProgramId == p.Id).Select(PersonOf)]))
            .Where(g => g.People.Count > 0)
            .ToList();
        var others = people.Where(m => m.ProgramId is null).Select(PersonOf).ToList();
        if (others.Count > 0)
        {
            groups.Add(new WeekGroup("Mentor and others", null, others));
        }
        return new WeekView(week, groups);
    }

    private static IQueryable<Entry> Summaries(WikiDbContext db, WikiUser? reader) =>
        db.Entries.ReadableBy(reader).AsNoTracking().Where(e => e.Kind == EntryKind.WeeklySummary && e.Summary != null);

    private static async Task<Dictionary<int, TopicLink>> TopicsAsync(WikiDbContext db, WikiUser? reader, CancellationToken cancellationToken) =>
        await db.Entries.ReadableBy(reader).AsNoTracking().Where(e => e.Kind == EntryKind.Topic)
            .ToDictionaryAsync(e => e.Id, e => new TopicLink(e.Slug, e.Title), cancellationToken);

}
