using System.Net;
using AngleSharp.Html.Parser;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Home;
using Promisingness.Web.Features.Questions;
using Promisingness.Web.Features.Topics;

namespace Promisingness.Tests.Home;

/// <summary>
/// A wiki that has outgrown the README: the front page shows the first of each list with a link to the
/// rest, and /topics and /questions are paged, so no page grows with the wiki.
/// </summary>
public sealed class LongListsTests : IAsyncLifetime
{
    private const int TopicCount = 60;
    private const int QuestionCount = 45;
    private const int PageCount = 12;

    private readonly WikiApp app = new(seed: false);

    public async Task InitializeAsync()
    {
        using var db = app.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        Entry Make(EntryKind kind, string slug, string title, int position, Visibility visibility = Visibility.Public) => new()
        {
            Kind = kind,
            Slug = slug,
            Title = title,
            BodyMarkdown = title,
            BodyHtml = $"<p>{title}</p>",
            Visibility = visibility,
            Position = position,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Entries.AddRange(Enumerable.Range(1, TopicCount).Select(i => Make(EntryKind.Topic, $"topic-{i}", $"Topic number {i}", i)));
        db.Entries.AddRange(Enumerable.Range(1, QuestionCount).Select(i => Make(EntryKind.Question, $"question-{i}", $"Question number {i}", i)));
        db.Entries.AddRange(Enumerable.Range(1, PageCount).Select(i => Make(EntryKind.Page, $"page-{i}", $"Page number {i}", i)));
        // Team entries count for no anonymous visitor.
        db.Entries.Add(Make(EntryKind.Topic, "team-topic", "A team topic", 0, Visibility.Team));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task FrontPage_ShowsTheFirstOfEachList_AndLinksToTheRest()
    {
        var page = await GetAsync("/");

        Assert.Equal(HomeQueries.TopicCountShown, page.QuerySelectorAll("main .card-grid li").Length);
        Assert.Equal($"All {TopicCount} topics", page.QuerySelector("[data-testid=all-topics]")?.TextContent);
        Assert.Equal(HomeQueries.QuestionCountShown, page.QuerySelectorAll("main ol.questions li").Length);
        Assert.Equal($"All {QuestionCount} questions", page.QuerySelector("[data-testid=all-questions]")?.TextContent);
        Assert.Equal(HomeQueries.InlinePageCount, page.QuerySelectorAll("main section[aria-labelledby^=page-]").Length);
        Assert.Equal(PageCount - HomeQueries.InlinePageCount, page.QuerySelectorAll("main section[aria-labelledby=more-pages-heading] li").Length);
        Assert.DoesNotContain("A team topic", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Topics_ArePaged_InReadmeOrder()
    {
        var first = await GetAsync("/topics");
        var second = await GetAsync("/topics?page=2");

        Assert.Equal(TopicQueries.PageSize, first.QuerySelectorAll("main .card-grid li").Length);
        Assert.Contains("Topic number 1", first.QuerySelector("main .card-grid li")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("topics?page=2", first.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href"));
        Assert.Null(first.QuerySelector("nav.pager a[rel=prev]"));
        Assert.Equal(TopicCount - TopicQueries.PageSize, second.QuerySelectorAll("main .card-grid li").Length);
        Assert.Contains("Topic number 49", second.QuerySelector("main .card-grid li")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", second.QuerySelector("nav.pager")!.TextContent, StringComparison.Ordinal);
        Assert.Null(second.QuerySelector("nav.pager a[rel=next]"));
    }

    [Theory]
    [InlineData("/questions?page=99")]
    [InlineData("/questions?page=-3")]
    public async Task Questions_APageOutOfRange_ShowsTheNearestPage(string path)
    {
        var page = await GetAsync(path);

        Assert.NotEmpty(page.QuerySelectorAll("main ol.questions li"));
        Assert.True(page.QuerySelectorAll("main ol.questions li").Length <= QuestionQueries.PageSize);
    }

    [Fact]
    public async Task Questions_SecondPage_ContinuesTheNumbering()
    {
        var page = await GetAsync("/questions?page=2");

        Assert.Equal(QuestionCount - QuestionQueries.PageSize, page.QuerySelectorAll("main ol.questions li").Length);
        Assert.Equal((QuestionQueries.PageSize + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("main ol.questions")!.GetAttribute("start"));
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> GetAsync(string path)
    {
        using var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }
}
