using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.Search;

namespace Promisingness.Tests.Search;

/// <summary>Search only ever returns what the searcher may read, for every kind of reader; in results, counts and suggestions alike.</summary>
/// <summary>The tests; each database's class below brings its own wiki (a fixture declared here would be built for both).</summary>
public abstract class SearchVisibilityTestsBase(SearchWiki wiki)
{
    public static TheoryData<string, string, bool> Matrix => new()
    {
        { "anonymous", SearchWiki.SparDraftWord, false },
        { "aisc", SearchWiki.SparDraftWord, false },
        { "mars", SearchWiki.SparDraftWord, false },
        { "spar", SearchWiki.SparDraftWord, true },
        { "mentor", SearchWiki.SparDraftWord, true },
        { "anonymous", SearchWiki.TeamWord, false },
        { "aisc", SearchWiki.TeamWord, true },
        { "mars", SearchWiki.TeamWord, true },
        { "spar", SearchWiki.TeamWord, true },
        { "mentor", SearchWiki.TeamWord, true },
        { "anonymous", SearchWiki.ScriptWord, true },
        { "mars", SearchWiki.ScriptWord, true },
        { "anonymous", SearchWiki.CommentWord, false },
        { "mars", SearchWiki.CommentWord, true },
        { "mentor", SearchWiki.CommentWord, true },
    };

    [DatabaseTheory]
    [MemberData(nameof(Matrix))]
    public async Task Search_EntryOfEachVisibility_IsFoundOnlyByThoseWhoMayReadIt(string reader, string word, bool found)
    {
        var results = await wiki.App.Get<SearchService>().SearchAsync(new SearchRequest(word), await wiki.ReaderAsync(reader));

        Assert.Equal(found ? 1 : 0, results.Total);
        Assert.Equal(found ? 1 : 0, results.Hits.Count);
    }

    [DatabaseTheory]
    [InlineData("anonymous", false, false)]
    [InlineData("mars", false, true)]
    [InlineData("spar", true, true)]
    [InlineData("mentor", true, true)]
    public async Task Suggest_OffersOnlyTitlesTheReaderMayRead(string reader, bool seesDraft, bool seesTeam)
    {
        var search = wiki.App.Get<SearchService>();
        var who = await wiki.ReaderAsync(reader);

        Assert.Equal(seesDraft, (await search.SuggestAsync("SPAR pla", who)).Any(s => s.Title == "SPAR plans"));
        Assert.Equal(seesTeam, (await search.SuggestAsync("camp logis", who)).Any(s => s.Title == "Camp logistics"));
    }

    [DatabaseTheory]
    [InlineData("anonymous", SearchWiki.MixedPublic)]
    [InlineData("mars", SearchWiki.MixedPublic + SearchWiki.MixedTeam)]
    public async Task Search_CountsAndPages_IncludeOnlyReadableEntries(string reader, int expected)
    {
        var search = wiki.App.Get<SearchService>();
        var who = await wiki.ReaderAsync(reader);

        var first = await search.SearchAsync(new SearchRequest(SearchWiki.MixedWord), who);
        var second = await search.SearchAsync(new SearchRequest(SearchWiki.MixedWord, Page: 2), who);

        Assert.Equal(expected, first.Total);
        Assert.Equal((expected + SearchService.PageSize - 1) / SearchService.PageSize, first.PageCount);
        Assert.Equal(expected, first.Hits.Concat(second.Request.Page == 2 ? second.Hits : []).Select(h => h.EntryId).Distinct().Count());
    }
}

public sealed class SearchVisibilityTests(SearchWiki wiki) : SearchVisibilityTestsBase(wiki), IClassFixture<SearchWiki>;

[OnPostgres]
public sealed class SearchVisibilityOnPostgresTests(PostgresSearchWiki wiki) : SearchVisibilityTestsBase(wiki), IClassFixture<PostgresSearchWiki>;
