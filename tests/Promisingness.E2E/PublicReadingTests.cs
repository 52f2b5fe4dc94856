using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Tests.Infrastructure;

namespace Promisingness.E2E;

/// <summary>An anonymous visitor reads the wiki the way a person does.</summary>
public sealed class PublicReadingTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    [BrowserFact]
    public async Task Visitor_FollowsATopicCardAndAResearcher_ReachesTheTeamPage()
    {
        var page = await wiki.NewPageAsync();
        await page.GotoAsync("");
        await Assertions.Expect(page.Locator("h1")).ToHaveCountAsync(1);
        await PageActions.ScreenshotAsync(page, "home-wide");

        await page.GetByRole(AriaRole.Link, new() { Name = "Weak to Strong Generalization" }).First.ClickAsync();
        await PageActions.WaitForUrlAsync(page, "**/topics/weak-to-strong-generalization", wiki);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Weak to Strong Generalization");
        await Assertions.Expect(page.GetByText("A review of weak-to-strong generalization literature")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Vassil Tashev" }).First.ClickAsync();
        await PageActions.WaitForUrlAsync(page, "**/team/vassil-tashev", wiki);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Vassil Tashev");
        await Assertions.Expect(page.Locator(".lead")).ToContainTextAsync("AI Safety Camp");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Weak to Strong Generalization" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await PageActions.WaitForUrlAsync(page, "**/team", wiki);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "MARS" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>A cached page once answered "blazor-enhanced-nav: Allow": the script then loaded every clicked page twice, the second time whole.</summary>
    [BrowserFact]
    public async Task Visitor_ClickingBetweenTwoCachedPages_GetsOneRequestAndNoFullLoad()
    {
        using var http = new HttpClient { BaseAddress = new Uri(wiki.BaseUrl) };
        foreach (var path in new[] { "topics", "questions" })
        {
            using var cached = await OutputCacheProbe.CachedAsync(http, path);
            Assert.True(cached is not null, $"{path} never came from the output cache");
        }
        var page = await wiki.NewPageAsync();
        await page.GotoAsync("topics");
        await Assertions.Expect(page.Locator("h1")).ToHaveCountAsync(1);
        await page.EvaluateAsync("() => window.stillTheSameDocument = true");
        var requests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/questions", StringComparison.Ordinal))
            {
                requests.Add(request.ResourceType);
            }
        };

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Questions" }).ClickAsync();
        await PageActions.WaitForUrlAsync(page, "**/questions", wiki);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Brainstorming questions");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSameDocument === true"), "the click loaded the whole page");
        Assert.Equal(["fetch"], requests);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Visitor_OnAPhone_SeesTheTopicWithoutHorizontalScrolling()
    {
        var page = await wiki.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("topics/sparse-autoencoders-saes");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Sparse Autoencoders");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page is wider than a phone's screen");
        await PageActions.ScreenshotAsync(page, "topic-phone");
        await page.GotoAsync("");
        await PageActions.ScreenshotAsync(page, "home-phone");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Visitor_WhoPrefersDark_GetsTheDarkThemeAndNoScriptErrors()
    {
        var page = await wiki.NewPageAsync(colorScheme: ColorScheme.Dark);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("team");

        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(23, 23, 29)", background);
        Assert.Empty(errors);
        await PageActions.ScreenshotAsync(page, "team-dark");
        await page.Context.CloseAsync();
    }
}
