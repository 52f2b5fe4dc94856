using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Search;
using Promisingness.Web.Security;

namespace Promisingness.E2E;

public sealed class SearchTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Password = "a passphrase for searching";

    private async Task<IPage> SignedInAsync(string email, int width = 1280)
    {
        var admin = wiki.Services.GetRequiredService<UserAdministration>();
        if (!(await admin.ListAsync()).Any(u => u.Email == email))
        {
            await admin.AddUserAsync(UserAdministration.CommandLine.Id, email, email.Split('@')[0], Roles.Researcher, 2, null, Password);
        }
        var page = await wiki.NewPageAsync(width: width);
        await PageActions.SignInAsync(page, email, Password);
        return page;
    }

    /// <summary>Types into the app bar's box once it is enabled (the live page keeps what is typed), and waits for the suggestion.</summary>
    private static async Task<ILocator> TypeAndSeeSuggestionAsync(IPage page, string text, string title)
    {
        var box = page.Locator("#site-search");
        await Assertions.Expect(box).ToBeEditableAsync();
        await box.PressSequentiallyAsync(text, new() { Delay = 30 });
        var suggestion = page.Locator(".site-search__suggestions a").Filter(new() { HasText = title });
        await Assertions.Expect(suggestion).ToBeVisibleAsync();
        return suggestion;
    }

    [BrowserFact]
    public async Task Member_TypesInTheAppBar_SeesASuggestion_PressesEnter_AndSeesMarkedResults()
    {
        var page = await SignedInAsync("searcher@example.org");
        await page.GotoAsync("topics");

        var suggestion = await TypeAndSeeSuggestionAsync(page, "sparse auto", "Sparse Autoencoders (SAEs)");
        await Assertions.Expect(suggestion).ToHaveAttributeAsync("href", "topics/sparse-autoencoders-saes");
        await PageActions.ScreenshotAsync(page, "search-suggestions");
        await page.Locator("#site-search").PressAsync("Enter");

        // A member's search navigates inside the circuit: there is no page load to wait for, only the address.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=sparse%20auto$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Search");
        var first = page.Locator(".search-result").First;
        await Assertions.Expect(first.Locator("h2 a")).ToHaveTextAsync("Sparse Autoencoders (SAEs)");
        await Assertions.Expect(first.Locator("h2 mark").First).ToHaveTextAsync("Sparse");
        await Assertions.Expect(first.Locator(".search-result__snippet mark").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".site-search__suggestions")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Member_WalksTheSuggestionsWithTheArrowKeys_AndOpensOne()
    {
        var page = await SignedInAsync("walker@example.org");
        await page.GotoAsync("./");
        // The box is disabled until the live page can keep what is typed into it.
        await Assertions.Expect(page.Locator("#site-search")).ToBeEnabledAsync();
        await page.Keyboard.PressAsync("Control+k");
        await Assertions.Expect(page.Locator("#site-search")).ToBeFocusedAsync();

        await TypeAndSeeSuggestionAsync(page, "weak", "Weak to Strong Generalization");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator(".site-search__suggestions a").First).ToBeFocusedAsync();
        // Walk down to the topic, wherever the ranking put it.
        var focused = page.Locator(".site-search__suggestions a:focus");
        for (var step = 0; step < SearchService.SuggestionLimit && !(await focused.TextContentAsync() ?? "").Contains("Weak to Strong Generalization", StringComparison.Ordinal); step++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/topics/weak-to-strong-generalization$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Weak to Strong Generalization");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Visitor_SearchesFromTheAppBar_WithCtrlKAndEnter()
    {
        var page = await wiki.NewPageAsync();
        await page.GotoAsync("questions");

        await page.Keyboard.PressAsync("Control+k");
        await page.Keyboard.TypeAsync("\"chain of thought\"");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=%22chain\+of\+thought%22$"));
        await Assertions.Expect(page.Locator(".search-result h2 a").First).ToHaveTextAsync("Theoretical Chain of Thought");
        await Assertions.Expect(page.Locator(".search-result h2 mark").First).ToHaveTextAsync("Chain of Thought");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task SearchPage_OnAPhoneAndADesktop_FitsTheScreen()
    {
        foreach (var width in new[] { 390, 1280 })
        {
            var page = await wiki.NewPageAsync(width: width, height: width == 390 ? 844 : 900);
            await page.GotoAsync("search?q=alignment");
            await Assertions.Expect(page.Locator(".search-result").First).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"/search is wider than a {width}px screen");
            await PageActions.ScreenshotAsync(page, $"search-{width}");
            await page.GotoAsync("search?q=zzznothing&kind=Question");
            await Assertions.Expect(page.Locator(".search-none")).ToBeVisibleAsync();
            await PageActions.ScreenshotAsync(page, $"search-none-{width}");
            await page.Context.CloseAsync();

            var member = await SignedInAsync("narrow@example.org", width);
            await member.GotoAsync("search?q=alignment&kind=Topic");
            await Assertions.Expect(member.Locator(".search-result").First).ToBeVisibleAsync();
            Assert.False(await member.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), $"a member's /search is wider than {width}px");
            await PageActions.ScreenshotAsync(member, $"search-member-{width}");
            await member.Context.CloseAsync();
        }
    }
}
