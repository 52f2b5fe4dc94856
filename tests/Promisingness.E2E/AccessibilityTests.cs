using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Summaries.Review;
using Promisingness.Web.Security;

namespace Promisingness.E2E;

/// <summary>Members' pages pass the checks the public ones do: axe (WCAG 2 A and AA), and a header that fits a phone.</summary>
public sealed class AccessibilityTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Password = "a passphrase for accessibility";

    [BrowserFact]
    public async Task MemberPages_HaveNoSeriousOrCriticalAxeViolations_OnAPhoneInLight_AndADesktopInDark()
    {
        var (meeting, summary) = await MeetingAndSubmittedSummaryAsync();
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, LiveWiki.AdminEmail, LiveWiki.AdminPassword);
        string[] paths =
        [
            "topics/in-context-learning", "entries/background/edit", "review", $"review/{summary}", $"meetings/{meeting}",
            "questions/how-safe-can-human-level-automated-alignment-researchers-be-made", "inbox", "admin/users",
        ];

        // Each page in both themes and at both widths, paired (contrast depends on the theme, layout on the width):
        // the four combinations each would double the time for little more.
        var found = new List<string>();
        foreach (var (width, height, scheme) in new[] { (390, 844, ColorScheme.Light), (1280, 900, ColorScheme.Dark) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                // The page as a member works in it: live (while it connects its controls are greyed out, and inactive).
                await PageActions.WaitUntilLiveAsync(page);
                // A control enabled as the page turns live fades to its colour (MudBlazor's transitions): measure after.
                await page.WaitForFunctionAsync("() => !document.getAnimations().some(a => a instanceof CSSTransition && a.playState === 'running')");
                var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
                found.AddRange(results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v =>
                    $"{path} ({width}px, {scheme}): {v.Id}: {string.Join("; ", v.Nodes.Take(3).Select(n => $"{n.Target} {string.Join(" ", n.Any.Concat(n.All).Select(c => c.Message))}"))}"));
            }
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Header_OnAPhone_IsOneRow_AndItsMenuOpensAndClosesWhenALinkIsFollowed()
    {
        var page = await wiki.NewPageAsync(width: 390, height: 844);
        await PageActions.SignInAsync(page, LiveWiki.AdminEmail, LiveWiki.AdminPassword);
        await page.GotoAsync("topics/in-context-learning");
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        var height = await page.EvaluateAsync<double>("() => document.querySelector('.site-header').getBoundingClientRect().height");
        Assert.True(height < 64, $"the header is {height}px high on a phone");
        var questions = page.Locator(".site-nav").GetByRole(AriaRole.Link, new() { Name = "Questions" });
        await Assertions.Expect(questions).ToBeHiddenAsync();

        await page.Locator(".site-header").GetByText("Menu").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await PageActions.ScreenshotAsync(page, "phone-menu-open");
        await questions.ClickAsync();

        await PageActions.WaitForUrlAsync(page, "**/questions", wiki);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("questions");
        await Assertions.Expect(questions).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>A meeting and a submitted weekly summary, so that the meeting and review pages have content to check.</summary>
    private async Task<(string Meeting, string Summary)> MeetingAndSubmittedSummaryAsync()
    {
        var users = wiki.Services.GetRequiredService<UserAdministration>();
        await using var db = await wiki.Services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync();
        var severin = await db.Members.SingleAsync(m => m.Slug == "severin-field");
        var topic = await db.Entries.SingleAsync(e => e.Slug == "theoretical-chain-of-thought");
        var researcher = await users.AddUserAsync(UserAdministration.CommandLine.Id, "axe-researcher@example.org", "axe-researcher", Roles.Researcher, 1, severin.Id, Password);
        var admin = (await users.ListAsync()).Single(u => u.Email == LiveWiki.AdminEmail);
        var editor = wiki.Services.GetRequiredService<EntryEditor>();

        var meeting = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(admin.Id, EntryKind.Meeting, new EntryInput("Weekly meeting, 3 Dec 2026", "We talked about **SAEs**.", Visibility.Team, null,
            Meeting: new MeetingInput(new DateOnly(2026, 12, 3), [severin.Id], "1. Review [[Goal]]", "Publish the post.", [new ActionItemInput("Draft the post", severin.Id, null, false)]))));
        var week = IsoWeek.Of(DateTimeOffset.UtcNow);
        var summary = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(researcher.Id, EntryKind.WeeklySummary,
            new EntryInput("", "I read two papers on **chain of thought** faithfulness.", Visibility.Team, null, Summary: new SummaryInput(week.ToString(), topic.Id, severin.Id))));
        Assert.IsType<ReviewResult.Done>(await wiki.Services.GetRequiredService<ReviewWorkflow>().SubmitAsync(researcher.Id, summary.EntryId, summary.RevisionNumber));
        return (meeting.Slug, summary.Slug);
    }
}
