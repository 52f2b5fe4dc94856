using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Promisingness.Tests.Infrastructure;

namespace Promisingness.Tests.Search;

/// <summary>/search over HTTP: static and cached for anonymous visitors, interactive for members, and never showing what the reader may not read.</summary>
public sealed class SearchPageTests(SearchWiki wiki) : IClassFixture<SearchWiki>
{
    private async Task<IHtmlDocument> PageAsync(string path, HttpClient? client = null) =>
        new HtmlParser().ParseDocument(await (client ?? wiki.App.CreateClient()).GetStringAsync(path));

    [Theory]
    [InlineData("/search")]
    [InlineData("/search?q=weak")]
    [InlineData("/search?q=zzzznothing")]
    [InlineData("/search?q=capybara&page=3")]
    public async Task Get_Search_Anonymous_SetsNoCookieAndIsServedFromTheCache(string path)
    {
        var client = wiki.App.CreateClient();
        using var first = await client.GetAsync(path);
        using var second = await OutputCacheProbe.CachedAsync(client, path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"), $"{path} set a cookie");
        Assert.DoesNotContain("no-store", first.Headers.CacheControl?.ToString() ?? "");
        var html = await first.Content.ReadAsStringAsync();
        Assert.DoesNotContain("__RequestVerificationToken", html);
        Assert.DoesNotContain("\"type\":\"server\"", html);
        Assert.True(second is not null, $"{path} was never served from the cache");
    }

    [Fact]
    public async Task Get_Search_Anonymous_ShowsCountLinksAndMarkedMatches()
    {
        var page = await PageAsync("/search?q=%22chain+of+thought%22");

        Assert.Equal("1 result", page.QuerySelector(".search-summary")?.TextContent.Trim());
        var result = Assert.Single(page.QuerySelectorAll(".search-result"));
        Assert.Equal("topics/theoretical-chain-of-thought", result.QuerySelector("h2 a")?.GetAttribute("href"));
        Assert.Equal("Chain of Thought", result.QuerySelector("h2 mark")?.TextContent);
        Assert.Contains(result.QuerySelectorAll(".search-result__snippet mark"), m => m.TextContent.Equals("chain of thought", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("\"chain of thought\"", page.QuerySelector("input#search-q")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Get_Search_BodyWithScript_ShowsItAsEscapedText()
    {
        using var response = await wiki.App.CreateClient().GetAsync($"/search?q={SearchWiki.ScriptWord}");
        var html = await response.Content.ReadAsStringAsync();
        var page = new HtmlParser().ParseDocument(html);

        var snippet = page.QuerySelector(".search-result__snippet")!;
        Assert.Contains("<script>alert('pwned')</script> & <b>bold</b>", snippet.TextContent);
        Assert.Empty(snippet.QuerySelectorAll("script, b"));
        Assert.Equal([SearchWiki.ScriptWord], snippet.QuerySelectorAll("mark").Select(m => m.TextContent));
        Assert.Contains("&lt;script&gt;", html);
    }

    [Theory]
    [InlineData(SearchWiki.SparDraftWord, "SPAR plans")]
    [InlineData(SearchWiki.TeamWord, "Camp logistics")]
    [InlineData("the", "SPAR plans")]
    [InlineData("the", "Camp logistics")]
    [InlineData("spar", "SPAR plans")]
    [InlineData("camp", "Camp logistics")]
    public async Task Get_Search_Anonymous_NeverShowsNonPublicText(string query, string title)
    {
        for (var pageNumber = 1; pageNumber <= 3; pageNumber++)
        {
            var html = await wiki.App.CreateClient().GetStringAsync($"/search?q={query}&page={pageNumber}");

            Assert.DoesNotContain(title, html);
            Assert.DoesNotContain("not ready to share", html);
            Assert.DoesNotContain("rota for the team", html);
        }
    }

    [Fact]
    public async Task Get_Search_NoResults_SaysSoWithHints()
    {
        var page = await PageAsync("/search?q=zzzznothing&kind=Topic");

        Assert.Empty(page.QuerySelectorAll(".search-result"));
        var none = page.QuerySelector(".search-none")!;
        Assert.Contains("No results for zzzznothing with these filters", none.TextContent);
        Assert.Equal("search?q=zzzznothing", none.QuerySelector("a[href^='search']")?.GetAttribute("href"));
        Assert.NotNull(none.QuerySelector("a[href='Account/Login']"));
    }

    [Fact]
    public async Task Get_Search_NoQuery_ExplainsTheSyntax()
    {
        var page = await PageAsync("/search");

        Assert.Contains("\"chain of thought\"", page.QuerySelector(".search-help")?.TextContent);
        Assert.Empty(page.QuerySelectorAll(".search-result"));
    }

    [Fact]
    public async Task Get_Search_ManyResults_PagesWithLinksThatKeepTheFilters()
    {
        var page = await PageAsync($"/search?q={SearchWiki.ManyWord}&kind=Page&page=2");

        Assert.StartsWith("More than 200 results", page.QuerySelector(".search-summary")?.TextContent.Trim());
        Assert.Equal(20, page.QuerySelectorAll(".search-result").Length);
        Assert.Equal("21", page.QuerySelector("ol.search-results")?.GetAttribute("start"));
        Assert.Equal("2", page.QuerySelector(".search-pager [aria-current=page]")?.TextContent);
        Assert.Equal($"search?q={SearchWiki.ManyWord}&kind=Page&page=3", page.QuerySelector(".search-pager a[rel=next]")?.GetAttribute("href"));
        Assert.Equal($"search?q={SearchWiki.ManyWord}&kind=Page", page.QuerySelector(".search-pager a[rel=prev]")?.GetAttribute("href"));
        Assert.Equal("Page", page.QuerySelector("select[name=kind] option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Get_AnyPage_HasTheAppBarSearchForm()
    {
        var page = await PageAsync("/topics");

        var form = page.QuerySelector("header form[role=search]")!;
        Assert.Equal("search", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[name=q][type=search]"));
    }

    [Fact]
    public async Task Get_Search_Member_GetsTheInteractivePageWithTeamResults()
    {
        var client = await Members.SignInAsync(wiki.App, "search-mars@test.local");

        using var response = await client.GetAsync($"/search?q={SearchWiki.TeamWord}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Camp logistics", html);
        Assert.Contains("\"type\":\"server\"", html);
        Assert.DoesNotContain("SPAR plans", await client.GetStringAsync($"/search?q={SearchWiki.SparDraftWord}"));
    }
}
