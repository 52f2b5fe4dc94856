using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Entries;

public sealed record BacklinkView(string Title, string Url);

public sealed record PublishedSummary(string Slug, string Title, IsoWeek Week, string Author);

/// <summary>
/// What an entry's page lists beside the entry: its tags, the entries linking to it (by its slug or an old one),
/// and for a topic the questions about it and its published weekly summaries.
/// </summary>
public sealed record SideLists(
    IReadOnlyList<string> Tags,
    IReadOnlyList<BacklinkView> Backlinks,
    IReadOnlyList<(string Slug, string Title)> Questions,
    IReadOnlyList<PublishedSummary> Summaries)
{
    public static readonly SideLists None = new([], [], [], []);
}

/// <summary>Reads an entry's <see cref="SideLists"/> for one reader, in one statement.</summary>
public sealed class SideListQueries(IDbContextFactory<WikiDbContext> dbFactory)
{
    public async Task<SideLists> ForAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (userId, memberId) = ReadAccess.IdsOf(reader);
        var rows = await Beside.For(db, reader)(db, slug, userId, memberId).ToListAsync(cancellationToken);
        return new SideLists(
            [.. rows.Where(r => r.List == TagList).Select(r => r.Title)],
            [.. rows.Where(r => r.List == BacklinkList).Select(r => new BacklinkView(r.Title, EntryUrls.For(r.Kind, r.Slug)))],
            [.. rows.Where(r => r.List == QuestionList).Select(r => (r.Slug, r.Title))],
            [.. rows.Where(r => r.List == SummaryList).Select(r => new PublishedSummary(r.Slug, r.Title, IsoWeek.FromStored(r.Week), r.Author))]);
    }

    private const int TagList = 0, BacklinkList = 1, QuestionList = 2, SummaryList = 3;

    // One row shape for the four lists, so that they come in one statement (UNION ALL): every uncached page of an
    // entry asks this, and on PostgreSQL each statement is a round trip (bench/ scenario 11).
    // Set by member initialisers: EF cannot put a set operation after a constructor call.
    private sealed class SideRow
    {
        public int List { get; init; }
        public string Title { get; init; } = "";
        public EntryKind Kind { get; init; }
        public string Slug { get; init; } = "";
        public int Position { get; init; }
        public string Week { get; init; } = "";
        public string Author { get; init; } = "";
    }

    // Each list in its order: tags by name, links by title, questions in README order, summaries newest week first.
    // Each part starts from the entry's slug and follows indexes (links by target, a topic's questions and summaries
    // by topic), so that its cost grows with what it finds, not with the number of entries: the backlinks had walked
    // every entry (bench/README.md, scenario 2). A question filtered by its kind had SQLite read every question.
    // QueryPlanTests holds this.
    private static readonly ReaderQuery<Func<WikiDbContext, string, string?, int, IAsyncEnumerable<SideRow>>> Beside = new(scope => EF.CompileAsyncQuery(ReadAccess.ForScope(scope,
        (WikiDbContext db, string slug, string? userId, int memberId) => db.EntryTags
            .Where(t => t.Entry!.Slug == slug)
            .Select(t => new SideRow { List = TagList, Title = t.Name, Kind = t.Entry!.Kind, Slug = "", Position = 0, Week = "", Author = "" })
            .Concat(db.Entries
                .Where(e => e.Slug != slug && ReadAccess.MayRead(e, userId, memberId) && db.EntryLinks.Where(l => l.ToSlug == slug).Select(l => l.FromEntryId)
                    .Concat(db.SlugRedirects.Where(r => r.Entry!.Slug == slug).Join(db.EntryLinks, r => r.Slug, l => l.ToSlug, (r, l) => l.FromEntryId))
                    .Contains(e.Id))
                .Select(e => new SideRow { List = BacklinkList, Title = e.Title, Kind = e.Kind, Slug = e.Slug, Position = 0, Week = "", Author = "" }))
            .Concat(db.QuestionTopics
                .Where(q => q.Topic!.Slug == slug && ReadAccess.MayRead(q.Question!, userId, memberId))
                .Select(q => new SideRow { List = QuestionList, Title = q.Question!.Title, Kind = q.Question.Kind, Slug = q.Question.Slug, Position = q.Question.Position, Week = "", Author = "" }))
            // Published summaries whoever reads: the list is the same for every reader, so the public page stays cacheable.
            .Concat(db.WeeklySummaries
                .Where(w => w.Topic!.Slug == slug && w.Entry!.Kind == EntryKind.WeeklySummary && w.Entry.Visibility == Visibility.Public)
                .Select(w => new SideRow { List = SummaryList, Title = w.Entry!.Title, Kind = w.Entry.Kind, Slug = w.Entry.Slug, Position = 0, Week = w.Week, Author = w.AuthorMember!.Name }))
            .OrderBy(r => r.List).ThenBy(r => r.Position).ThenByDescending(r => r.Week).ThenBy(r => r.Title).AsQueryable())));
}
