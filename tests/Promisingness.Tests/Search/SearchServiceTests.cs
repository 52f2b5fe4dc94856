using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Search;

namespace Promisingness.Tests.Search;

/// <summary>Ranking, matching, snippets, filters and paging of the real SearchService over the real FTS5 index.</summary>
/// <summary>The tests; each database's class below brings its own wiki (a fixture declared here would be built for both).</summary>
public abstract class SearchServiceTestsBase(SearchWiki wiki)
{
    private SearchService Search => wiki.App.Get<SearchService>();

    private async Task<SearchResults> AsMentorAsync(SearchRequest request) => await Search.SearchAsync(request, await wiki.ReaderAsync("mentor"));

    private static IEnumerable<string> Titles(SearchResults results) => results.Hits.Select(h => Highlights.PlainText(h.Title));

    [DatabaseTheory]
    [InlineData("pangolin")]
    [InlineData("pangolins")]
    public async Task Search_WordInATitle_RanksAboveTheSameWordInABody(string query)
    {
        var results = await Search.SearchAsync(new SearchRequest(query), null);

        Assert.Equal(["Pangolin behaviour", "Other notes"], Titles(results));
    }

    [DatabaseFact]
    public async Task Search_TheStartOfAWord_FindsTheWholeWord()
    {
        var results = await Search.SearchAsync(new SearchRequest("autoenc"), null);

        Assert.Contains("Sparse Autoencoders (SAEs)", Titles(results));
    }

    [DatabaseFact]
    public async Task Search_AnotherFormOfAWord_FindsTheSeedsScaleRelatedText()
    {
        var titles = Titles(await Search.SearchAsync(new SearchRequest("scaling"), null)).ToList();

        // "scalable", "Scalable oversight" (an output's summary), "scalability", "large scale" and "scale up".
        Assert.Contains("Background", titles);
        Assert.Contains("Weak to Strong Generalization", titles);
        Assert.Contains("Sparse Autoencoders (SAEs)", titles);
        Assert.Contains("Automated Alignment considerations from a Governance perspective", titles);
        Assert.Contains("A proposed compute-based method for predicting the future feasibility of the Linear Representation Hypothesis for automating alignment research", titles);
    }

    [DatabaseTheory]
    [InlineData("Background", "scalable")]
    [InlineData("Sparse Autoencoders (SAEs)", "scalability")]
    [InlineData("Automated Alignment considerations from a Governance perspective", "scale")]
    public async Task Search_AnotherFormOfAWord_IsMarkedInTheSnippet(string title, string marked)
    {
        var hit = (await Search.SearchAsync(new SearchRequest("scaling"), null)).Hits.Single(h => Highlights.PlainText(h.Title) == title);

        Assert.Contains(hit.Snippet, p => p.Marked && p.Text.Equals(marked, StringComparison.OrdinalIgnoreCase));
    }

    [DatabaseTheory]
    [InlineData("\"large scale\"", true)]
    [InlineData("\"large scaling\"", true)]
    [InlineData("\"scale large\"", false)]
    [InlineData("\"large scalable\"", false)]
    public async Task Search_QuotedPhrase_MatchesItsWordsStemmedAndInThatOrder(string query, bool found)
    {
        var results = await Search.SearchAsync(new SearchRequest(query), null);

        Assert.Equal(found, Titles(results).Contains("Automated Alignment considerations from a Governance perspective"));
    }

    [DatabaseFact]
    public async Task Search_QuotedWord_IsNotWidenedToItsAbleForm()
    {
        Assert.DoesNotContain("Background", Titles(await Search.SearchAsync(new SearchRequest("\"scaling\""), null)));
    }

    [DatabaseTheory]
    [InlineData("\"chain of thought\"", true)]
    [InlineData("\"thought of chain\"", false)]
    public async Task Search_QuotedPhrase_FindsOnlyTheWordsInThatOrder(string query, bool found)
    {
        var results = await Search.SearchAsync(new SearchRequest(query), null);

        Assert.Equal(found, Titles(results).Contains("Theoretical Chain of Thought"));
    }

    [DatabaseFact]
    public async Task Search_EveryWord_MustAppear()
    {
        Assert.NotEmpty((await Search.SearchAsync(new SearchRequest("weak strong"), null)).Hits);
        Assert.Empty((await Search.SearchAsync(new SearchRequest("weak pangolin"), null)).Hits);
    }

    [DatabaseFact]
    public async Task Search_AccentsAndCase_DoNotMatter()
    {
        var results = await Search.SearchAsync(new SearchRequest("PÀNGOLÍN"), null);

        Assert.Equal(2, results.Total);
    }

    [DatabaseFact]
    public async Task Search_Hit_MarksTheMatchesInTitleAndSnippet()
    {
        var hit = (await Search.SearchAsync(new SearchRequest("\"chain of thought\""), null)).Hits.First();

        Assert.Equal("Chain of Thought", Assert.Single(hit.Title, p => p.Marked).Text);
        Assert.Contains(hit.Snippet, p => p.Marked && p.Text.Equals("chain of thought", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("topics/theoretical-chain-of-thought", hit.Url);
        Assert.Equal(EntryKind.Topic, hit.Kind);
    }

    [DatabaseFact]
    public async Task Search_OutputSummary_IsSearchedAndShownWhenTheBodyDoesNotMatch()
    {
        var hit = Assert.Single((await Search.SearchAsync(new SearchRequest("\"draft document provides an overview\""), null)).Hits);

        Assert.Equal("Sparse Autoencoders (SAEs)", Highlights.PlainText(hit.Title));
        Assert.Contains(hit.Snippet, p => p.Marked && p.Text == "draft document provides an overview");
    }

    [DatabaseFact]
    public async Task Search_BodyWithHtml_KeepsItAsTextInTheSnippet()
    {
        var hit = Assert.Single((await Search.SearchAsync(new SearchRequest(SearchWiki.ScriptWord), null)).Hits);

        var text = Highlights.PlainText(hit.Snippet);
        Assert.Contains("<script>alert('pwned')</script>", text);
        Assert.Equal(SearchWiki.ScriptWord, Assert.Single(hit.Snippet, p => p.Marked).Text);
    }

    [DatabaseTheory]
    [InlineData(EntryKind.Question, "Could a narwhal be tagged?")]
    [InlineData(EntryKind.Page, "Narwhal field notes")]
    public async Task Search_KindFilter_KeepsOnlyThatKind(EntryKind kind, string title)
    {
        var results = await AsMentorAsync(new SearchRequest("narwhal", Kind: kind));

        Assert.Equal([title], Titles(results));
    }

    [DatabaseTheory]
    [InlineData(EntryStatus.Active, "Could a narwhal be tagged?")]
    [InlineData(EntryStatus.RemovedFromReadme, "Narwhal field notes")]
    public async Task Search_StatusFilter_KeepsOnlyThatStatus(EntryStatus status, string title)
    {
        var results = await AsMentorAsync(new SearchRequest("narwhal", Status: status));

        Assert.Equal([title], Titles(results));
    }

    [DatabaseFact]
    public async Task Search_TagFilter_KeepsOnlyTaggedEntries()
    {
        var results = await AsMentorAsync(new SearchRequest("narwhal", Tag: "sea-life"));

        Assert.Equal(["Could a narwhal be tagged?"], Titles(results));
        Assert.Empty((await AsMentorAsync(new SearchRequest("narwhal", Tag: "no-such-tag"))).Hits);
    }

    [DatabaseFact]
    public async Task Search_Tags_AreSearchedToo()
    {
        var results = await AsMentorAsync(new SearchRequest("sea life"));

        Assert.Equal(["Could a narwhal be tagged?"], Titles(results));
    }

    [DatabaseTheory]
    [InlineData("SPAR", "Sparse Autoencoders (SAEs)", true)]
    [InlineData("MARS", "Sparse Autoencoders (SAEs)", false)]
    [InlineData("mars", "In-context Learning", true)]
    [InlineData("MARS", "Narwhal field notes", true)]
    public async Task Search_ProgramFilter_KeepsEntriesOfThatProgramOrResearchedByIt(string program, string title, bool found)
    {
        var text = title == "Narwhal field notes" ? "narwhal" : title.Split(' ')[0];
        var results = await AsMentorAsync(SearchRequest.FromQuery(text, null, program, null, null, null));

        Assert.Equal(found, Titles(results).Contains(title));
        Assert.All(results.Hits, h => Assert.NotEqual("Could a narwhal be tagged?", Highlights.PlainText(h.Title)));
    }

    [DatabaseFact]
    public async Task Search_UnknownFilterValues_AreIgnored()
    {
        var results = await Search.SearchAsync(SearchRequest.FromQuery("pangolin", "Spaceship", "NOPE", "Deleted", null, "-3"), null);

        Assert.Equal(2, results.Total);
        Assert.Equal(new SearchRequest("pangolin"), results.Request);
    }

    [DatabaseFact]
    public async Task Search_MoreMatchesThanEveryPageHolds_IsCappedAndPaged()
    {
        var first = await Search.SearchAsync(new SearchRequest(SearchWiki.ManyWord), null);
        var last = await Search.SearchAsync(new SearchRequest(SearchWiki.ManyWord, Page: SearchService.MaxPages), null);
        var beyond = await Search.SearchAsync(SearchRequest.FromQuery(SearchWiki.ManyWord, null, null, null, null, "9999"), null);

        Assert.Equal(SearchService.MaxResults, first.Total);
        Assert.True(first.More);
        Assert.Equal(SearchService.MaxPages, first.PageCount);
        Assert.Equal(SearchService.PageSize, first.Hits.Count);
        Assert.Equal(SearchService.PageSize, last.Hits.Count);
        Assert.Empty(first.Hits.Select(h => h.EntryId).Intersect(last.Hits.Select(h => h.EntryId)));
        Assert.Equal(SearchService.MaxPages, beyond.Request.Page);
    }

    [DatabaseFact]
    public async Task Search_PagesOfAFewResults_AreCountedExactly()
    {
        var results = await Search.SearchAsync(new SearchRequest("narwhal"), null);

        Assert.Equal(2, results.Total);
        Assert.False(results.More);
        Assert.Equal(1, results.PageCount);
    }

    [DatabaseFact]
    public async Task Suggest_TitlesStartingLikeTheTypedText_BestFirst()
    {
        var suggestions = await Search.SuggestAsync("spa", await wiki.ReaderAsync("mars"));

        Assert.Equal("Sparse Autoencoders (SAEs)", suggestions[0].Title);
        Assert.Equal("topics/sparse-autoencoders-saes", suggestions[0].Url);
        Assert.DoesNotContain(suggestions, s => s.Title == "SPAR plans");
    }

    [DatabaseFact]
    public async Task Suggest_AnotherFormOfATitlesWord_SuggestsIt()
    {
        var suggestions = await Search.SuggestAsync("pangolins", await wiki.ReaderAsync("mentor"));

        Assert.Equal("Pangolin behaviour", Assert.Single(suggestions).Title);
    }

    [DatabaseTheory]
    [InlineData("")]
    [InlineData("\"(")]
    [InlineData("🙂")]
    public async Task Suggest_NoWords_SuggestsNothing(string text)
    {
        Assert.Empty(await Search.SuggestAsync(text, await wiki.ReaderAsync("mentor")));
    }
}

public sealed class SearchServiceTests(SearchWiki wiki) : SearchServiceTestsBase(wiki), IClassFixture<SearchWiki>;

[OnPostgres]
public sealed class SearchServiceOnPostgresTests(PostgresSearchWiki wiki) : SearchServiceTestsBase(wiki), IClassFixture<PostgresSearchWiki>;
