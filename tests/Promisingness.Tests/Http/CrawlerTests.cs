using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Tests.Http;

public sealed class CrawlerTests : MentorAppTest
{
    [Fact]
    public async Task Sitemap_ListsEveryPublicEntry_AndNothingElse()
    {
        await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput("Team only notes", "x", Visibility.Team, null));
        await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput("Mentor draft", "x", Visibility.Draft, null));

        var sitemap = XDocument.Parse(await App.CreateClient().GetStringAsync("/sitemap.xml"));

        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locations = sitemap.Root!.Elements(ns + "url").Select(u => new Uri(u.Element(ns + "loc")!.Value).AbsolutePath).ToList();
        Assert.Contains("/topics/weak-to-strong-generalization", locations);
        Assert.Contains("/pages/goal", locations);
        Assert.Contains("/topics", locations);
        Assert.DoesNotContain(locations, l => l.Contains("team-only-notes", StringComparison.Ordinal) || l.Contains("mentor-draft", StringComparison.Ordinal));
        Assert.Equal(locations.Count, locations.Distinct().Count());
    }

    [Fact]
    public async Task Robots_PointsToTheSitemap_AndKeepsCrawlersOutOfMemberPages()
    {
        var robots = await App.CreateClient().GetStringAsync("/robots.txt");

        Assert.Contains("Disallow: /Account/", robots);
        Assert.Contains("Disallow: /entries/*/edit", robots);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);
    }

    [Fact]
    public async Task TopicPage_HasOpenGraphAndTwitterTags_WithItsTitleAndSummary()
    {
        var page = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/topics/weak-to-strong-generalization"));

        string? Meta(string selector) => page.QuerySelector(selector)?.GetAttribute("content");
        Assert.Equal("Weak to Strong Generalization", Meta("meta[property='og:title']"));
        Assert.Equal("article", Meta("meta[property='og:type']"));
        Assert.Equal("summary", Meta("meta[name='twitter:card']"));
        Assert.False(string.IsNullOrWhiteSpace(Meta("meta[property='og:description']")));
        Assert.Equal(Meta("meta[name=description]"), Meta("meta[name='twitter:description']"));
        Assert.EndsWith("/topics/weak-to-strong-generalization", Meta("meta[property='og:url']"));
    }
}
