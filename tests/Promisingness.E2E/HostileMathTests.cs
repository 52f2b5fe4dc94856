using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Tests.Markdown;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.E2E;

/// <summary>
/// The hostile TeX of HostileTexCorpus (links to javascript:, \url, \htmlClass, \htmlId, \htmlStyle, \includegraphics,
/// script in \text, …) saved in one entry and read in Chromium, by a visitor and by a member (whose page Blazor renders
/// again live): nothing runs, no element links or loads javascript:, and the math that is not hostile still shows.
/// </summary>
public sealed class HostileMathTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    // Each sets the canary HostilePage watches if it ever runs, besides the alert(1) of the corpus.
    private static readonly string[] Canaries =
    [
        "$\\href{javascript:window.__xss=1}{click}$",
        "$\\url{javascript:window.__xss=1}$",
        "$\\htmlData{onmouseover=window.__xss=1}{y}$",
        "$\\style{background:url(javascript:window.__xss=1)}{y}$",
        "$\\htmlStyle{background:url(javascript:window.__xss=1)}{y}$",
        "$\\includegraphics{javascript:window.__xss=1}$",
        "$\\text{<img src=x onerror=window.__xss=1>}$",
    ];

    private const string Harmless = "$E = mc^2$";

    [BrowserFact]
    public async Task HostileTex_InAnEntry_RunsNothingAndLinksNoScript_ForVisitorsAndMembers()
    {
        var hostile = HostileTexCorpus.All.Concat(Canaries).Append(Harmless);
        var admin = (await wiki.Services.GetRequiredService<UserAdministration>().ListAsync()).Single(u => u.Email == LiveWiki.AdminEmail);
        var saved = Assert.IsType<SaveResult.Saved>(await wiki.Services.GetRequiredService<EntryEditor>().CreateAsync(admin.Id, EntryKind.Page,
            new EntryInput("Hostile formulas", string.Join("\n\n", hostile), Visibility.Public, null, "hostile TeX")));
        var visitor = await HostilePage.OpenAsync(await wiki.NewPageAsync());
        var memberPage = await wiki.NewPageAsync();
        await PageActions.SignInAsync(memberPage, LiveWiki.AdminEmail, LiveWiki.AdminPassword);
        var member = await HostilePage.OpenAsync(memberPage);

        foreach (var (reader, interactive) in new[] { (visitor, false), (member, true) })
        {
            await reader.VisitAsync($"pages/{saved.Slug}", interactive);
            var page = reader.Page;
            // Whatever might lead to a script on a click or a hover: no element carries it (text such as an error's
            // title or the page's description may quote the TeX; an address or a handler may not).
            var scripted = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                    .filter(a => /^on/i.test(a.name)
                        || /^(href|xlink:href|src|srcset|action|formaction|data|poster|background|style)$/i.test(a.name) && /javascript:/i.test(a.value))
                    .map(a => `<${e.localName} ${a.name}="${a.value}">`))
                """);
            Assert.Empty(scripted);
            foreach (var math in await page.Locator("[data-discussable] math").AllAsync())
            {
                await math.HoverAsync(new() { Force = true });
                await math.ClickAsync(new() { Force = true });
            }
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"pages/{saved.Slug}$"));
            Assert.True(await page.Locator("[data-discussable] math").CountAsync() > 0, "no formula was shown as math");
            Assert.False(await page.EvaluateAsync<bool>("() => !!window.__xss"), "a formula set the canary");
        }
        await visitor.AssertCleanAsync();
        await member.AssertCleanAsync();
    }
}
