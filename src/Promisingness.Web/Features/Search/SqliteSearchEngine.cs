using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using static Promisingness.Web.Features.Search.SearchService;

namespace Promisingness.Web.Features.Search;

/// <summary>
/// SQLite's FTS5: the EntrySearch and CommentSearch tables of the AddSearch and CommentSearch migrations, whose
/// words are porter stems since StemmedSearch.
/// </summary>
internal sealed class SqliteSearchEngine : SearchEngine
{
    public static readonly SqliteSearchEngine Instance = new();

    /// <summary>A prefix that stands for more words than this is searched as a prefix (see MatchAsync).</summary>
    private const int MaxPrefixForms = 40;

    // Each index's own words (fts5vocab), for MatchAsync: a comment's words need not be in any entry. Porter's
    // stemmer is not idempotent ("accelerated" is stored as "acceler", which it stems again to "accel"), and
    // FTS5 stems every word of a query, so a word that would not find itself comes back NULL (see Stable).
    private const string EntryWords = $"SELECT CASE WHEN {Stable} THEN term END AS Value FROM EntrySearchWords WHERE term >= {{0}} AND term < {{1}} LIMIT {{2}}";
    private const string CommentWords = $"SELECT CASE WHEN {Stable} THEN term END AS Value FROM CommentSearchWords WHERE term >= {{0}} AND term < {{1}} LIMIT {{2}}";

    /// <summary>An index word that its own stem finds: plain letters (at most LongestStemmed) that SearchStems stems as FTS5 does, to themselves.</summary>
    private const string Stable = "length(term) <= 20 AND term NOT GLOB '*[^a-z]*' AND (SELECT token FROM SearchStems WHERE input = term) = term";

    /// <summary>FTS3's porter tokenizer shortens a longer word (its first and last ten letters) where FTS5 stems it whole.</summary>
    private const int LongestStemmed = 20;

    // Titles weigh most, then tags, outputs' summaries and the body.
    private const string Rank = "bm25(EntrySearch, 10.0, 1.0, 2.0, 4.0)";

    public override Task<string> EntryMatchAsync(WikiDbContext db, SearchTerms terms, CancellationToken cancellationToken) =>
        MatchAsync(db, terms, EntryWords, cancellationToken);

    public override async Task<string> TitleMatchAsync(WikiDbContext db, SearchTerms terms, CancellationToken cancellationToken) =>
        $"title : ({await MatchAsync(db, terms, EntryWords, cancellationToken)})";

    public override Task<string> CommentMatchAsync(WikiDbContext db, SearchTerms terms, CancellationToken cancellationToken) =>
        MatchAsync(db, terms, CommentWords, cancellationToken);

    /// <summary>
    /// The MATCH expression, with each long prefix replaced by the words of the index that start with it.
    /// FTS5 answers "word"* beyond its prefix indexes by merging the doclists of all such words in memory,
    /// once per cursor, which is slow for a common word in a large wiki, and again for every row looked up by
    /// id. An OR of the few real words costs nearly nothing. A prefix of many words keeps the *.
    /// The index holds porter stems, and FTS5 stems "word"* before it looks the prefix up ("scaling"* is
    /// "scale"*), so the words are looked up by the prefix's stem, from SearchStems: the same Porter stemmer.
    /// </summary>
    private static async Task<string> MatchAsync(WikiDbContext db, SearchTerms terms, string wordsStartingWith, CancellationToken cancellationToken)
    {
        var forms = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var last in terms.Terms.Where(t => t.Prefix).SelectMany(t => t.LastWords).Distinct())
        {
            if (IndexForm(last) is { Length: > SearchTerms.LongestIndexedPrefix } folded
                && await StemAsync(db, folded, cancellationToken) is { Length: > SearchTerms.LongestIndexedPrefix } prefix
                && Successor(prefix) is { } after)
            {
                var words = await db.Database
                    .SqlQueryRaw<string?>(wordsStartingWith, prefix, after, MaxPrefixForms + 1)
                    .ToListAsync(cancellationToken);
                if (words.Count is > 0 and <= MaxPrefixForms && !words.Contains(null))
                {
                    forms[last] = [.. words.OfType<string>()];
                }
            }
        }
        return terms.ToMatch(forms.GetValueOrDefault);
    }

    /// <summary>
    /// The word's porter stem, by FTS3's tokenizer (SearchStems), whose Porter stemmer is FTS5's. Only for
    /// plain ASCII letters: FTS3 copies a word with digits or other letters unstemmed where FTS5 stems it,
    /// so such a word keeps FTS5's own "word"* (null here).
    /// </summary>
    private static async Task<string?> StemAsync(WikiDbContext db, string word, CancellationToken cancellationToken) =>
        word.Length <= LongestStemmed && word.All(char.IsAsciiLetterLower)
            ? await db.Database.SqlQueryRaw<string>("SELECT token AS Value FROM SearchStems WHERE input = {0}", word).SingleOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>The word as unicode61 with remove_diacritics folds it: lower case, without accents.</summary>
    private static string? IndexForm(string word)
    {
        var folded = new string([.. word.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);
        return folded.Length == 0 ? null : folded.Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    /// <summary>The smallest string after every string that starts with <paramref name="prefix"/>, in SQLite's binary order.</summary>
    private static string? Successor(string prefix) =>
        char.IsSurrogate(prefix[^1]) || prefix[^1] == char.MaxValue ? null : prefix[..^1] + (char)(prefix[^1] + 1);

    public override IQueryable<FtsCommentMatch> CommentMatches(WikiDbContext db, string match) =>
        db.Database.SqlQueryRaw<FtsCommentMatch>(
            "SELECT rowid AS CommentId, CAST(entry_id AS INTEGER) AS EntryId, bm25(CommentSearch) AS Rank FROM CommentSearch WHERE CommentSearch MATCH {0}", match);

    public override IQueryable<FtsMatch> Matches(WikiDbContext db, string match) =>
        db.Database.SqlQueryRaw<FtsMatch>($"SELECT rowid AS EntryId, {Rank} AS Rank FROM EntrySearch WHERE EntrySearch MATCH {{0}}", match);

    public override async Task<List<FtsText>> TextsAsync(WikiDbContext db, string match, List<int> ids, CancellationToken cancellationToken)
    {
        // One cursor over the page's id range: looking rows up one by one would set the MATCH up once per row.
        // "+rowid" keeps the id list out of the cursor's constraints. The SQL text never changes, so EF
        // compiles it once.
        return await db.Database.SqlQueryRaw<FtsText>($$"""
                SELECT rowid AS EntryId,
                       highlight(EntrySearch, 0, {0}, {1}) AS Title,
                       snippet(EntrySearch, 1, {0}, {1}, '…', {{SnippetWords}}) AS Body,
                       snippet(EntrySearch, 2, {0}, {1}, '…', {{SnippetWords}}) AS Outputs
                FROM EntrySearch
                WHERE EntrySearch MATCH {2} AND rowid BETWEEN {3} AND {4} AND +rowid IN (SELECT value FROM json_each({5}))
                """, Highlights.Open.ToString(), Highlights.Close.ToString(), match, ids.Min(), ids.Max(), JsonSerializer.Serialize(ids))
            .ToListAsync(cancellationToken);
    }

    public override async Task<List<FtsComment>> CommentTextsAsync(WikiDbContext db, string match, List<int> commentIds, CancellationToken cancellationToken)
    {
        // One cursor over the comments' id range, as for entries.
        return await db.Database.SqlQueryRaw<FtsComment>($$"""
                SELECT rowid AS CommentId, CAST(entry_id AS INTEGER) AS EntryId, CAST(thread_id AS INTEGER) AS ThreadId,
                       bm25(CommentSearch) AS Rank,
                       snippet(CommentSearch, 0, {0}, {1}, '…', {{SnippetWords}}) AS Body
                FROM CommentSearch
                WHERE CommentSearch MATCH {2} AND rowid BETWEEN {3} AND {4} AND +rowid IN (SELECT value FROM json_each({5}))
                """, Highlights.Open.ToString(), Highlights.Close.ToString(), match, commentIds.Min(), commentIds.Max(), JsonSerializer.Serialize(commentIds))
            .ToListAsync(cancellationToken);
    }
}
