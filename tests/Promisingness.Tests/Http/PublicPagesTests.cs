using System.Net;
using AngleSharp.Html.Parser;
using Promisingness.Tests.Infrastructure;

namespace Promisingness.Tests.Http;

/// <summary>What an anonymous visitor gets over HTTP from the app with the seed imported.</summary>
public sealed class PublicPagesTests(WikiApp app) : IClassFixture<WikiApp>
{
    public static TheoryData<string, string> PublicPages => new()
    {
        { "/", "Promisingness-of-Automating-Alignment.github.io" },
        { "/topics", "Research topics" },
        { "/topics/weak-to-strong-generalization", "Weak to Strong Generalization" },
        { "/topics/sparse-autoencoders-saes", "Sparse Autoencoders (SAEs)" },
        { "/questions", "Brainstorming questions" },
        { "/questions/how-safe-can-human-level-automated-alignment-researchers-be-made", "How safe can ~human-level automated alignment researchers be made?" },
        { "/team", "Team" },
        { "/team/severin-field", "Severin Field" },
        { "/pages/background", "Background" },
        { "/pages/goal", "Goal" },
        { "/summaries", "Weekly summaries" },
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Get_PublicPage_AnswersWithItsOneHeading(string path, string heading)
    {
        using var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var h1 = Assert.Single(document.QuerySelectorAll("h1"));
        Assert.Equal(heading, h1.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Head_PublicPage_AnswersAsGetWould(string path, string heading)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, path);
        using var response = await app.CreateClient().SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HEAD {path} ({heading}) answered {response.StatusCode}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Get_PublicPage_SetsNoCookieAndOpensNoCircuit(string path, string heading)
    {
        using var response = await app.CreateClient().GetAsync(path);

        Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} ({heading}) set a cookie");
        Assert.DoesNotContain("no-store", response.Headers.CacheControl?.ToString() ?? "");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"type\":\"server\"", html);
        Assert.DoesNotContain("__RequestVerificationToken", html);
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Get_PublicPageTwice_IsServedFromTheOutputCache(string path, string heading)
    {
        var client = app.CreateClient();
        using var first = await client.GetAsync(path);
        using var second = await OutputCacheProbe.CachedAsync(client, path);

        Assert.True(second is not null, $"{path} ({heading}) was never served from the cache (no Age header)");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/topics", "Topics")]
    [InlineData("/topics/weak-to-strong-generalization", "Topics")]
    [InlineData("/team/severin-field", "Team")]
    [InlineData("/summaries", "Summaries")]
    [InlineData("/", null)]
    public async Task Get_Page_MarksTheAppBarLinkOfItsSection(string path, string? section)
    {
        var document = new HtmlParser().ParseDocument(await app.CreateClient().GetStringAsync(path));

        var current = document.QuerySelectorAll(".site-nav a.active");
        Assert.Equal(section is null ? [] : [section], current.Select(a => a.TextContent.Trim()));
        Assert.All(current, a => Assert.Equal("page", a.GetAttribute("aria-current")));
    }

    [Theory]
    [InlineData("/topics/no-such-topic", "Topic not found")]
    [InlineData("/questions/no-such-question", "Question not found")]
    [InlineData("/team/nobody", "Person not found")]
    [InlineData("/pages/nothing", "Page not found")]
    [InlineData("/no/such/route", "Page not found")]
    public async Task Get_MissingPage_Answers404WithAHelpfulPage(string path, string heading)
    {
        using var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(heading, document.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(document.QuerySelector("a[href='topics']"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Get_Home_IsAccessibleHtmlThatLoadsNothingFromOutside()
    {
        var html = await app.CreateClient().GetStringAsync("/");
        var document = new HtmlParser().ParseDocument(html);

        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.NotNull(document.QuerySelector("header"));
        Assert.NotNull(document.QuerySelector("nav[aria-label]"));
        Assert.NotNull(document.QuerySelector("main#main"));
        Assert.NotNull(document.QuerySelector("footer"));
        Assert.NotEmpty(document.Title ?? "");
        Assert.NotNull(document.QuerySelector("meta[name=viewport]"));
        Assert.All(document.QuerySelectorAll("img"), img => Assert.True(img.HasAttribute("alt"), img.OuterHtml));
        var resources = document.QuerySelectorAll("link[href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src") ?? "");
        Assert.All(resources, url => Assert.False(url.Contains("//", StringComparison.Ordinal), $"{url} is loaded from outside the site"));
    }

    [Fact]
    public async Task Get_Home_EveryStylesheetAndScriptItLinksIsServed()
    {
        var client = app.CreateClient();
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        var urls = document.QuerySelectorAll("link[rel=stylesheet][href], script[src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();

        Assert.NotEmpty(urls);
        foreach (var url in urls)
        {
            using var response = await client.GetAsync("/" + url.TrimStart('/'));
            Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Get_Home_ShowsTopicCardsWithResearchersAndRecentActivity()
    {
        var document = new HtmlParser().ParseDocument(await app.CreateClient().GetStringAsync("/"));

        var cards = document.QuerySelectorAll("#topics-heading ~ ul .card");
        Assert.Equal(6, cards.Length);
        Assert.Contains(cards, card => card.QuerySelector("a[href='team/severin-field']") is not null);
        Assert.Contains(document.QuerySelectorAll("h2"), h => h.TextContent.Contains("Background"));
        Assert.NotEmpty(document.QuerySelectorAll("ul.activity li"));
    }

    [Fact]
    public async Task Get_TopicPage_LinksEachResearcherToTheirTeamPageWithAProgramBadge()
    {
        var document = new HtmlParser().ParseDocument(await app.CreateClient().GetStringAsync("/topics/weak-to-strong-generalization"));

        var people = document.QuerySelectorAll("ul.people li");
        Assert.Equal(["Severin Field", "Vassil Tashev"], people.Select(li => li.QuerySelector("a")!.TextContent));
        Assert.All(people, li => Assert.Equal("AISC", li.QuerySelector(".badge")?.TextContent));
        Assert.Equal(2, document.QuerySelectorAll("ul.outputs > li").Length);
    }

    [Fact]
    public async Task Get_Team_GroupsTheMentorAndEachProgram()
    {
        var document = new HtmlParser().ParseDocument(await app.CreateClient().GetStringAsync("/team"));

        var groups = document.QuerySelectorAll("section.team-group");
        Assert.Equal(["Mentor", "AI Safety Camp", "MARS", "SPAR"], groups.Select(g => g.QuerySelector("h2")!.ChildNodes[0].TextContent.Trim()));
        Assert.Equal([1, 8, 3, 4], groups.Select(g => g.QuerySelectorAll(".card").Length));
    }
}
