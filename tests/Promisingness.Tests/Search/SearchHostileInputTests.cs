using System.Net;
using AngleSharp.Html.Parser;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.Search;

namespace Promisingness.Tests.Search;

/// <summary>Whatever is typed or put in the address, search answers with results or none: never an error.</summary>
/// <summary>The tests; each database's class below brings its own wiki (a fixture declared here would be built for both).</summary>
public abstract class SearchHostileInputTestsBase(SearchWiki wiki)
{
    private static readonly string[] Inputs =
    [
        "\"", "\"\"", "\"\"\"", "(", ")", "((((", "a)(b", "*", "**", "a*", "*a", "NEAR(", "NEAR(a b, 2)", "NEAR/3",
        "-", "- -- ---", "-weak", ":", "title:", "title:weak", "{title body}: weak", "^", "^weak", "+weak",
        "AND", "OR NOT AND", "weak AND OR strong", "weak NOT", "' OR 1=1 --", "'; DROP TABLE Entries; --",
        "\") OR 1=1 --", "x\" OR rowid > 0 OR \"", "UNION SELECT * FROM AspNetUsers", "%00%27%22", "\0nul\0",
        "\\", "'", "`", "<script>alert(1)</script>", "\uE000marker\uE001", "\u202Eright-to-left",
        "\u0301\u0308", "＂fullwidth＂（）", "🙂 emoji 🚀 weak", "👩‍👩‍👧‍👦", "weak*strong", "\"weak\"*", "\r\n\t",
        new string('a', 5000), string.Concat(Enumerable.Repeat("lorem ipsum ", 900)), string.Concat(Enumerable.Repeat("\"(", 5000)),
        string.Concat(Enumerable.Repeat("weak ", 2100)), "\uD800 lone surrogate", "ﬁ ligature ǅ", "ᵃᵇᶜ ¹²³ ½",
    ];

    public static TheoryData<int> Indexes => [.. Enumerable.Range(0, Inputs.Length)];

    [DatabaseFact]
    public void Inputs_AreManyAndIncludeTenKilobytes()
    {
        Assert.True(Inputs.Length >= 25);
        Assert.Contains(Inputs, i => i.Length >= 10_000);
    }

    [DatabaseTheory]
    [MemberData(nameof(Indexes))]
    public async Task Search_HostileInput_AnswersWithResultsOrNone(int index)
    {
        var search = wiki.App.Get<SearchService>();
        var text = Inputs[index];

        foreach (var reader in new[] { null, await wiki.ReaderAsync("mars"), await wiki.ReaderAsync("mentor") })
        {
            var results = await search.SearchAsync(new SearchRequest(text), reader);
            var suggestions = await search.SuggestAsync(text, reader);

            Assert.True(results.Hits.Count <= SearchService.PageSize);
            Assert.True(suggestions.Count <= SearchService.SuggestionLimit);
            Assert.All(results.Hits.SelectMany(h => h.Title.Concat(h.Snippet)), p =>
                Assert.False(p.Text.Contains(Highlights.Open) || p.Text.Contains(Highlights.Close), "a marker reached the page"));
        }
    }

    [DatabaseTheory]
    [MemberData(nameof(Indexes))]
    public async Task Get_SearchPage_WithHostileQuery_AnswersWithAPage(int index)
    {
        var text = Inputs[index];
        if (text.Length > 6000)
        {
            return; // Longer than a request line may be; the service test above covers it.
        }

        using var response = await wiki.App.CreateClient().GetAsync("/search?q=" + Uri.EscapeDataString(text) + "&kind=" + Uri.EscapeDataString(text) + "&page=" + Uri.EscapeDataString(text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Search", document.QuerySelector("h1")?.TextContent);
        Assert.Empty(document.QuerySelectorAll("main script"));
    }
}

public sealed class SearchHostileInputTests(SearchWiki wiki) : SearchHostileInputTestsBase(wiki), IClassFixture<SearchWiki>;

[OnPostgres]
public sealed class SearchHostileInputOnPostgresTests(PostgresSearchWiki wiki) : SearchHostileInputTestsBase(wiki), IClassFixture<PostgresSearchWiki>;
