using Promisingness.Web.Data;
using static Promisingness.Web.Features.Search.SearchService;

namespace Promisingness.Web.Features.Search;

/// <summary>
/// The database's own full-text SQL behind SearchService: FTS5 on SQLite (SqliteSearchEngine), tsvector
/// on PostgreSQL (PostgresSearchEngine). SearchService keeps the rules (visibility, filters, candidates,
/// paging); an engine only turns terms into its query and answers matches, ranks and snippets. A rank is
/// lower for a better match on both, and snippets mark matches with Highlights.Open and Close.
/// </summary>
internal abstract class SearchEngine
{
    /// <summary>Snippets run to about this many words.</summary>
    protected const int SnippetWords = 24;

    public static SearchEngine For(WikiDbContext db) => db.Database.IsPostgres() ? PostgresSearchEngine.Instance : SqliteSearchEngine.Instance;

    /// <summary>The engine's query for entries; SearchTerms' words hold only letters, digits and marks, and each is quoted.</summary>
    public abstract Task<string> EntryMatchAsync(WikiDbContext db, SearchTerms terms, CancellationToken cancellationToken);

    /// <summary>The same terms, matched in titles only (suggestions while typing).</summary>
    public abstract Task<string> TitleMatchAsync(WikiDbContext db, SearchTerms terms, CancellationToken cancellationToken);

    public abstract Task<string> CommentMatchAsync(WikiDbContext db, SearchTerms terms, CancellationToken cancellationToken);

    /// <summary>Every matching entry with its rank, composable: the caller adds the read rule and filters.</summary>
    public abstract IQueryable<FtsMatch> Matches(WikiDbContext db, string match);

    /// <summary>Every matching comment that is not deleted, with its entry and rank.</summary>
    public abstract IQueryable<FtsCommentMatch> CommentMatches(WikiDbContext db, string match);

    /// <summary>The marked title and the snippets of body and outputs of the entries <paramref name="ids"/>.</summary>
    public abstract Task<List<FtsText>> TextsAsync(WikiDbContext db, string match, List<int> ids, CancellationToken cancellationToken);

    /// <summary>The snippets of the matching comments among <paramref name="commentIds"/>.</summary>
    public abstract Task<List<FtsComment>> CommentTextsAsync(WikiDbContext db, string match, List<int> commentIds, CancellationToken cancellationToken);
}
