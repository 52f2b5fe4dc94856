using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Search;

/// <summary>
/// Full-text search over entries and, for members, their discussions, through the database's own engine
/// (SearchEngine: FTS5 on SQLite, tsvector on PostgreSQL). What the reader may not read is filtered out in SQL by
/// ReadAccess, the one read rule, before ranking and paging, so counts and pages never include it.
/// </summary>
public sealed class SearchService(IDbContextFactory<WikiDbContext> dbFactory)
{
    public const int PageSize = 20;
    public const int MaxPages = 10;
    public const int MaxResults = PageSize * MaxPages;

    /// <summary>
    /// bm25 reads every matching row's positions, and the read rule looks each row up in Entries: for a
    /// word in every entry that is the whole index, slow in a large wiki. Ranking therefore
    /// looks at the newest this-many readable matches, five times the results a reader can page through;
    /// a search that matches more is too broad to read past the first pages anyway, and the page says so.
    /// bench/search measures the cost.
    /// </summary>
    public const int CandidateLimit = 1000;

    public const int SuggestionLimit = 8;

    /// <summary>Suggestions come from the newest this-many matching titles: they are a shortcut, not a search.</summary>
    private const int SuggestionCandidates = 500;

    private const int MaxTagChoices = 200;

    public async Task<SearchResults> SearchAsync(SearchRequest request, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        var terms = SearchTerms.Parse(request.Text);
        if (terms.IsEmpty)
        {
            return new SearchResults(request, terms, [], 0, More: false);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var engine = SearchEngine.For(db);
        var match = await engine.EntryMatchAsync(db, terms, cancellationToken);
        var (entries, normalized) = await FilteredAsync(db, db.Entries.ReadableBy(reader), request, cancellationToken);
        var ranked = await engine.Matches(db, match)
            .Where(m => entries.Any(e => e.Id == m.EntryId))
            .OrderByDescending(m => m.EntryId)
            .Take(CandidateLimit)
            .OrderBy(m => m.Rank)
            .ThenByDescending(m => m.EntryId)
            .Take(MaxResults + 1)
            .Select(m => m.EntryId)
            .ToListAsync(cancellationToken);

        // Members also find entries by their discussion; those come after the entries that match themselves,
        // so when those fill every page the comments are not searched at all.
        var byDiscussion = new HashSet<int>();
        string? commentMatch = null;
        if (MayReadDiscussions(reader) && ranked.Count <= MaxResults)
        {
            commentMatch = await engine.CommentMatchAsync(db, terms, cancellationToken);
            var wanted = MaxResults + 1 + ranked.Count;
            // The same shape as for entries: the read rule and the filters in SQL, then the newest readable
            // matches, then ranking; an entry ranks by its best comment.
            var discussed = await engine.CommentMatches(db, commentMatch)
                .Where(m => entries.Any(e => e.Id == m.EntryId))
                .OrderByDescending(m => m.CommentId)
                .Take(CandidateLimit)
                .GroupBy(m => m.EntryId)
                .Select(g => new { EntryId = g.Key, Rank = g.Min(m => m.Rank) })
                .OrderBy(g => g.Rank)
                .ThenByDescending(g => g.EntryId)
                .Take(wanted)
                .Select(g => g.EntryId)
                .ToListAsync(cancellationToken);
            var found = discussed.Except(ranked).ToList();
            byDiscussion = [.. found];
            ranked.AddRange(found.Take(MaxResults + 1 - ranked.Count));
        }

        var total = Math.Min(ranked.Count, MaxResults);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        normalized = normalized with { Page = Math.Min(normalized.Page, pageCount) };
        var pageIds = ranked.Skip((normalized.Page - 1) * PageSize).Take(PageSize).ToList();
        var hits = await HitsAsync(db, engine, match, pageIds, cancellationToken);
        if (commentMatch is not null && byDiscussion.Overlaps(pageIds))
        {
            hits = await WithDiscussionSnippetsAsync(db, engine, commentMatch, hits, byDiscussion, cancellationToken);
        }
        return new SearchResults(normalized, terms, hits, total, More: ranked.Count > MaxResults);
    }

    /// <summary>Titles that match what a member is typing, best first.</summary>
    public async Task<IReadOnlyList<SearchSuggestion>> SuggestAsync(string? text, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        var terms = SearchTerms.Parse(text);
        if (terms.IsEmpty)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var readable = db.Entries.ReadableBy(reader);
        var engine = SearchEngine.For(db);
        var ids = await engine.Matches(db, await engine.TitleMatchAsync(db, terms, cancellationToken))
            .Where(m => readable.Any(e => e.Id == m.EntryId))
            .OrderByDescending(m => m.EntryId)
            .Take(SuggestionCandidates)
            .OrderBy(m => m.Rank)
            .ThenByDescending(m => m.EntryId)
            .Take(SuggestionLimit)
            .Select(m => m.EntryId)
            .ToListAsync(cancellationToken);
        var rows = await db.Entries.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Title, e.Kind, e.Slug })
            .ToListAsync(cancellationToken);
        return [.. ids.Select(id => rows.First(r => r.Id == id)).Select(r => new SearchSuggestion(r.Title, EntryUrls.For(r.Kind, r.Slug), r.Kind))];
    }

    /// <summary>What the filters offer: every program, and the tags on entries this reader can read.</summary>
    public async Task<SearchFilterChoices> FilterChoicesAsync(WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var programs = await db.Programs.AsNoTracking().OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(cancellationToken);
        var readable = db.Entries.ReadableBy(reader);
        var tags = await db.EntryTags.AsNoTracking()
            .Where(t => readable.Any(e => e.Id == t.EntryId))
            .Select(t => t.Name).Distinct().OrderBy(n => n).Take(MaxTagChoices)
            .ToListAsync(cancellationToken);
        return new SearchFilterChoices(programs, tags);
    }

    /// <summary>
    /// Discussions are for members only (EntryOperation.ReadComments: a member, not locked, who may read the
    /// entry; the entry part is the read rule already applied to the entries searched). For anyone else the
    /// comment index is never queried.
    /// </summary>
    private static bool MayReadDiscussions(WikiUser? reader) => reader is { Locked: false };

    /// <summary>Applies the filters; a program or tag that does not exist is dropped from the request rather than refused.</summary>
    private static async Task<(IQueryable<Entry> Entries, SearchRequest Request)> FilteredAsync(
        WikiDbContext db, IQueryable<Entry> entries, SearchRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind is { } kind)
        {
            entries = entries.Where(e => e.Kind == kind);
        }
        if (request.Status is { } status)
        {
            entries = entries.Where(e => e.Status == status);
        }
        if (request.Program is { } code)
        {
            var programId = await db.Programs.Where(p => p.Code == code).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (programId is { } id)
            {
                // Shared topics belong to no program but are researched by its people: both count as the program's.
                entries = entries.Where(e => e.ProgramId == id || e.Researchers.Any(r => r.Member!.ProgramId == id));
            }
            else
            {
                request = request with { Program = null };
            }
        }
        if (request.Tag is { } tag)
        {
            entries = entries.Where(e => e.Tags.Any(t => t.Name == tag));
        }
        return (entries, request);
    }

    private static async Task<IReadOnlyList<SearchHit>> HitsAsync(WikiDbContext db, SearchEngine engine, string match, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await db.Entries.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Kind, e.Slug, e.Title, e.Visibility, e.Status, ProgramCode = e.Program == null ? null : e.Program.Code })
            .ToListAsync(cancellationToken);
        var texts = await engine.TextsAsync(db, match, ids, cancellationToken);

        var hits = new List<SearchHit>();
        foreach (var id in ids)
        {
            var row = rows.FirstOrDefault(r => r.Id == id);
            if (row is null)
            {
                continue; // Gone between the two queries.
            }
            var text = texts.FirstOrDefault(t => t.EntryId == id);
            var title = text is null ? [new TextPart(row.Title, false)] : Highlights.Parse(text.Title);
            var snippet = Highlights.WithoutPrefix(SnippetOf(text), row.Title);
            hits.Add(new SearchHit(id, row.Kind, EntryUrls.For(row.Kind, row.Slug), title, snippet, row.ProgramCode, row.Visibility, row.Status));
        }
        return hits;
    }

    /// <summary>
    /// For entries found by a comment: the snippet of their best-matching comment, and a link to its thread on
    /// the entry's page. The page's comments are found by their threads' entry (indexed), then one cursor
    /// over their id range, as for entries' snippets: filtering the whole MATCH by entry would read every
    /// matching comment's row.
    /// </summary>
    private static async Task<IReadOnlyList<SearchHit>> WithDiscussionSnippetsAsync(
        WikiDbContext db, SearchEngine engine, string match, IReadOnlyList<SearchHit> hits, HashSet<int> byDiscussion, CancellationToken cancellationToken)
    {
        var entryIds = hits.Select(h => h.EntryId).Where(byDiscussion.Contains).ToList();
        var commentIds = await db.Comments.AsNoTracking()
            .Where(c => c.DeletedAt == null && entryIds.Contains(c.Thread!.EntryId))
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        if (commentIds.Count == 0)
        {
            return hits;
        }
        var comments = await engine.CommentTextsAsync(db, match, commentIds, cancellationToken);
        var best = comments.GroupBy(c => c.EntryId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Rank).ThenByDescending(c => c.CommentId).First());
        return [.. hits.Select(hit => byDiscussion.Contains(hit.EntryId) && best.TryGetValue(hit.EntryId, out var comment)
            ? hit with
            {
                Url = $"{hit.Url}#thread-{comment.ThreadId}",
                Snippet = [new TextPart("In the discussion: ", false), .. Highlights.Parse(comment.Body, markdown: true)],
            }
            : hit)];
    }

    internal sealed class FtsComment
    {
        public int CommentId { get; init; }
        public int EntryId { get; init; }
        public int ThreadId { get; init; }
        public double Rank { get; init; }
        public string? Body { get; init; }
    }

    internal sealed class FtsCommentMatch
    {
        public int CommentId { get; init; }
        public int EntryId { get; init; }
        public double Rank { get; init; }
    }

    /// <summary>The body's snippet when the body matched, else the outputs' when they did, else the start of the body.</summary>
    private static IReadOnlyList<TextPart> SnippetOf(FtsText? text)
    {
        if (text is null)
        {
            return [];
        }
        var body = Highlights.Parse(text.Body, markdown: true);
        if (body.Any(p => p.Marked))
        {
            return body;
        }
        var outputs = Highlights.Parse(text.Outputs, markdown: true);
        return outputs.Any(p => p.Marked) || body.Count == 0 ? outputs : body;
    }

    internal sealed class FtsMatch
    {
        public int EntryId { get; init; }
        public double Rank { get; init; }
    }

    internal sealed class FtsText
    {
        public int EntryId { get; init; }
        public string? Title { get; init; }
        public string? Body { get; init; }
        public string? Outputs { get; init; }
    }
}
