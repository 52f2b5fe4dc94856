using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using static Promisingness.Web.Features.Search.SearchService;

namespace Promisingness.Web.Features.Search;

/// <summary>
/// PostgreSQL's full-text search: the EntrySearch table's weighted tsvector and the comments' expression
/// index (the Postgres Search and StemmedSearch migrations), the "wiki_english" configuration (English stems
/// without stop words, accents folded, as FTS5's porter over unicode61 on the SQLite side). The query is a to_tsquery built from SearchTerms rather than the typed
/// text through websearch_to_tsquery: websearch reads "or" and "-word" as operators where the SQLite side
/// reads words, and has no prefix form; here every word must match, a word typed last-in-a-term matches
/// as a prefix (:*) and a quoted phrase matches in order (&lt;-&gt;), on both engines.
/// </summary>
internal sealed partial class PostgresSearchEngine : SearchEngine
{
    public static readonly PostgresSearchEngine Instance = new();

    // ts_rank's weights for D (body), C (outputs), B (tags), A (title): SQLite's bm25 weights 1, 2, 4, 10, scaled.
    private const string Rank = "ts_rank(ARRAY[0.1, 0.2, 0.4, 1.0]::float4[], s.document, q)";

    // The comments' indexed expression: it must stay the one in the migration's index for the index to be used.
    private const string CommentDocument = "to_tsvector('wiki_english', c.\"BodyMarkdown\")";

    private static readonly string Marks = $"StartSel={Highlights.Open}, StopSel={Highlights.Close}";
    private static readonly string TitleOptions = $"{Marks}, HighlightAll=true";
    private static readonly string SnippetOptions = $"{Marks}, MaxWords={SnippetWords}, MinWords={SnippetWords / 2}, ShortWord=0, MaxFragments=1, FragmentDelimiter=…";

    public override Task<string> EntryMatchAsync(WikiDbContext db, SearchTerms terms, CancellationToken cancellationToken) =>
        Task.FromResult(ToTsQuery(terms, titleOnly: false));

    public override Task<string> TitleMatchAsync(WikiDbContext db, SearchTerms terms, CancellationToken cancellationToken) =>
        Task.FromResult(ToTsQuery(terms, titleOnly: true));

    public override Task<string> CommentMatchAsync(WikiDbContext db, SearchTerms terms, CancellationToken cancellationToken) =>
        Task.FromResult(ToTsQuery(terms, titleOnly: false));

    /// <summary>
    /// Each term's words as quoted lexemes joined by &lt;-&gt; (in order), the last one with :* when the term
    /// is a prefix, once for each of its LastWords, OR-ed; terms joined by &amp;. Title-only lexemes carry
    /// the title's weight, A. to_tsquery stems each lexeme, a prefix too ("scaling":* is "scale":*), as FTS5 does.
    /// </summary>
    internal static string ToTsQuery(SearchTerms terms, bool titleOnly) =>
        string.Join(" & ", terms.Terms.Select(term => "(" + string.Join(" | ", term.LastWords.Select(last =>
            "(" + string.Join(" <-> ", term.Words.SkipLast(1).Select(word => Lexeme(word, prefix: false, titleOnly))
                .Append(Lexeme(last, prefix: term.Prefix, titleOnly))) + ")")) + ")"));

    private static string Lexeme(string word, bool prefix, bool titleOnly)
    {
        // The words hold only letters, digits and marks; quoting and escaping anyway keeps the query text a
        // list of lexemes whatever a word holds.
        var quoted = "'" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
        var label = (prefix ? "*" : "") + (titleOnly ? "A" : "");
        return label.Length == 0 ? quoted : quoted + ":" + label;
    }

    public override IQueryable<FtsMatch> Matches(WikiDbContext db, string match) =>
        db.Database.SqlQueryRaw<FtsMatch>($$"""
            SELECT s.entry_id AS "EntryId", (-{{Rank}})::float8 AS "Rank"
            FROM "EntrySearch" s, to_tsquery('wiki_english', {0}) q
            WHERE s.document @@ q
            """, match);

    public override IQueryable<FtsCommentMatch> CommentMatches(WikiDbContext db, string match) =>
        db.Database.SqlQueryRaw<FtsCommentMatch>($$"""
            SELECT c."Id" AS "CommentId", t."EntryId" AS "EntryId", (-ts_rank({{CommentDocument}}, q))::float8 AS "Rank"
            FROM "Comments" c JOIN "CommentThreads" t ON t."Id" = c."ThreadId", to_tsquery('wiki_english', {0}) q
            WHERE c."DeletedAt" IS NULL AND {{CommentDocument}} @@ q
            """, match);

    public override async Task<List<FtsText>> TextsAsync(WikiDbContext db, string match, List<int> ids, CancellationToken cancellationToken)
    {
        var texts = await db.Database.SqlQueryRaw<FtsText>("""
            SELECT s.entry_id AS "EntryId",
                   ts_headline('wiki_english', translate(s.title, '<&', {4}), q, {0}) AS "Title",
                   ts_headline('wiki_english', translate(s.body, '<&', {4}), q, {1}) AS "Body",
                   ts_headline('wiki_english', translate(s.outputs, '<&', {4}), q, {1}) AS "Outputs"
            FROM "EntrySearch" s, to_tsquery('wiki_english', {2}) q
            WHERE s.entry_id = ANY({3})
            """, TitleOptions, SnippetOptions, match, ids.ToArray(), Hidden)
            .ToListAsync(cancellationToken);
        return [.. texts.Select(t => new FtsText { EntryId = t.EntryId, Title = Restore(t.Title), Body = Restore(t.Body), Outputs = Restore(t.Outputs) })];
    }

    public override async Task<List<FtsComment>> CommentTextsAsync(WikiDbContext db, string match, List<int> commentIds, CancellationToken cancellationToken)
    {
        var comments = await db.Database.SqlQueryRaw<FtsComment>($$"""
            SELECT c."Id" AS "CommentId", t."EntryId" AS "EntryId", t."Id" AS "ThreadId",
                   (-ts_rank({{CommentDocument}}, q))::float8 AS "Rank",
                   ts_headline('wiki_english', translate(c."BodyMarkdown", '<&', {3}), q, {0}) AS "Body"
            FROM "Comments" c JOIN "CommentThreads" t ON t."Id" = c."ThreadId", to_tsquery('wiki_english', {1}) q
            WHERE c."Id" = ANY({2}) AND c."DeletedAt" IS NULL AND {{CommentDocument}} @@ q
            """, SnippetOptions, match, commentIds.ToArray(), Hidden)
            .ToListAsync(cancellationToken);
        return [.. comments.Select(c => new FtsComment { CommentId = c.CommentId, EntryId = c.EntryId, ThreadId = c.ThreadId, Rank = c.Rank, Body = Restore(c.Body) })];
    }

    /// <summary>
    /// ts_headline drops what looks like an HTML tag, but the text is the user's Markdown, shown as text:
    /// "&lt;" and "&amp;" go in as these two private-use characters and come back out by Restore.
    /// </summary>
    private const string Hidden = "\uE002\uE003";

    /// <summary>The hidden characters back, and a phrase's words marked one by one marked as one span, as FTS5 marks them.</summary>
    private static string? Restore(string? headline) => headline is null
        ? null
        : AdjacentMarks().Replace(headline, "$1").Replace('\uE002', '<').Replace('\uE003', '&');

    [GeneratedRegex("\uE001(\\s+)\uE000")]
    private static partial Regex AdjacentMarks();
}
