using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Search;

/// <summary>A search as the /search page's query string holds it. Unknown filter values are ignored, never an error.</summary>
public sealed record SearchRequest(string? Text, EntryKind? Kind = null, string? Program = null, EntryStatus? Status = null, string? Tag = null, int Page = 1)
{
    public static SearchRequest FromQuery(string? q, string? kind, string? program, string? status, string? tag, string? page) => new(
        q,
        Enum.TryParse<EntryKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null,
        string.IsNullOrWhiteSpace(program) ? null : program.Trim().ToUpperInvariant(),
        Enum.TryParse<EntryStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null,
        string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().ToLowerInvariant(),
        int.TryParse(page, out var p) ? Math.Clamp(p, 1, SearchService.MaxPages) : 1);

    /// <summary>The /search address of this search, on another page of results.</summary>
    public string Url(int? page = null)
    {
        var query = new List<string>();
        Add("q", Text?.Trim());
        Add("kind", Kind?.ToString());
        Add("program", Program);
        Add("status", Status?.ToString());
        Add("tag", Tag);
        Add("page", (page ?? Page) is > 1 and var p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return query.Count == 0 ? "search" : "search?" + string.Join('&', query);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }

    public bool HasFilters => Kind is not null || Program is not null || Status is not null || Tag is not null;
}

/// <summary>One page of results. <see cref="Total"/> counts at most <see cref="SearchService.MaxResults"/>; <see cref="More"/> says there were more.</summary>
public sealed record SearchResults(SearchRequest Request, SearchTerms Terms, IReadOnlyList<SearchHit> Hits, int Total, bool More)
{
    public int PageCount => (Total + SearchService.PageSize - 1) / SearchService.PageSize;
}

public sealed record SearchHit(
    int EntryId,
    EntryKind Kind,
    string Url,
    IReadOnlyList<TextPart> Title,
    IReadOnlyList<TextPart> Snippet,
    string? ProgramCode,
    Visibility Visibility,
    EntryStatus Status);

/// <summary>A title offered while a member types in the app bar.</summary>
public sealed record SearchSuggestion(string Title, string Url, EntryKind Kind);

public sealed record SearchFilterChoices(IReadOnlyList<string> Programs, IReadOnlyList<string> Tags);
