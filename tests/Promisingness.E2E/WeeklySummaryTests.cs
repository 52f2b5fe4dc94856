using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Security;

namespace Promisingness.E2E;

public sealed class WeeklySummaryTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Password = "a passphrase for summaries";

    [BrowserFact]
    public async Task Researcher_SubmitsASummary_MentorAsksForChanges_ThenApprovesAndPublishes_AndTheVisitorReadsIt()
    {
        await AccountAsync("severin@example.org", Roles.Researcher, Members.Aisc, "severin-field");
        await AccountAsync("mentor@example.org", Roles.Mentor, null, null);
        var researcher = await SignedInAsync("severin@example.org");
        var mentor = await SignedInAsync("mentor@example.org");

        // The researcher writes this week's summary on a topic, leaving the title to be made from week, topic and name.
        await researcher.GotoAsync("summaries");
        await Assertions.Expect(researcher.GetByText("No summaries yet.")).ToBeVisibleAsync();
        await PageActions.FollowAsync(researcher, researcher.GetByTestId("write-summary"), "**/new/weeklysummary?week=*");
        await Assertions.Expect(researcher.Locator(".editor-body textarea")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("What I did this week"));
        await PageActions.SelectAsync(researcher, "Topic", "Theoretical Chain of Thought");
        await PageActions.TypeBodyAsync(researcher, "I read two papers on **chain of thought** faithfulness.", "faithfulness");
        await PageActions.ScreenshotAsync(researcher, "summary-editor");
        await researcher.GetByTestId("save").ClickAsync();
        await PageActions.WaitForUrlAsync(researcher, "**/summaries/week-*-theoretical-chain-of-thought-severin-field", wiki);
        var summaryUrl = researcher.Url;
        await ClickAndSeeAsync(researcher, "review-submit", researcher.GetByTestId("review-state"), "Submitted");

        // The mentor finds it in the queue and asks for a change, with a note.
        await mentor.GotoAsync("review");
        await Assertions.Expect(mentor.GetByTestId("review-queue")).ToContainTextAsync("Severin Field");
        await PageActions.ScreenshotAsync(mentor, "review-queue");
        await PageActions.FollowAsync(mentor, mentor.GetByTestId("review-queue").GetByRole(AriaRole.Link).First, "**/review/week-*");
        await Assertions.Expect(mentor.GetByTestId("review-diff")).ToContainTextAsync("First submission");
        await FillNoteAsync(mentor, "Please name the two papers.");
        await ClickAndSeeAsync(mentor, "review-requestchanges", mentor.Locator(".review-step").Last, "Changes requested");

        // The researcher reads the note, revises and submits again.
        await researcher.GotoAsync(summaryUrl);
        await Assertions.Expect(researcher.Locator(".review-step__note")).ToHaveTextAsync("Please name the two papers.");
        await Assertions.Expect(researcher.GetByTestId("review-state")).ToHaveTextAsync("Changes requested");
        await PageActions.FollowAsync(researcher, researcher.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }), "**/edit");
        await PageActions.TypeBodyAsync(researcher, "I read two papers on **chain of thought** faithfulness: Lanham et al. and Turpin et al.", "Turpin");
        await researcher.GetByTestId("save").ClickAsync();
        await PageActions.WaitForUrlAsync(researcher, summaryUrl, wiki);
        await ClickAndSeeAsync(researcher, "review-submit", researcher.GetByTestId("review-state"), "Submitted");

        // The mentor sees what changed since the previous submission, approves that revision and publishes it.
        await mentor.GotoAsync("review");
        await PageActions.FollowAsync(mentor, mentor.GetByTestId("review-queue").GetByRole(AriaRole.Link).First, "**/review/week-*");
        await Assertions.Expect(mentor.GetByTestId("review-diff")).ToContainTextAsync("the previous submission");
        await Assertions.Expect(mentor.GetByTestId("review-diff").Locator("ins").First).ToBeVisibleAsync();
        await PageActions.ScreenshotAsync(mentor, "review-item");
        await ClickAndSeeAsync(mentor, "review-approve", mentor.Locator(".review-step").Last, "Approved");
        await ClickAndSeeAsync(mentor, "review-publish", mentor.Locator(".review-step").Last, "Published");

        // An anonymous visitor reads it, without the review.
        var visitor = await wiki.NewPageAsync();
        await visitor.GotoAsync("summaries");
        await visitor.GetByRole(AriaRole.Link, new() { NameRegex = new("Theoretical Chain of Thought — Severin Field") }).ClickAsync();
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Lanham et al. and Turpin et al.");
        await Assertions.Expect(visitor.Locator("main")).Not.ToContainTextAsync("Please name the two papers.");
        await Assertions.Expect(visitor.Locator(".review-steps")).ToHaveCountAsync(0);

        foreach (var (page, name) in new[] { (researcher, "member"), (visitor, "anonymous") })
        {
            await page.GotoAsync("summaries");
            await PageActions.ScreenshotAsync(page, $"summaries-{name}");
            await page.GotoAsync(summaryUrl);
            await PageActions.ScreenshotAsync(page, $"summary-{name}");
        }
        await researcher.GotoAsync(summaryUrl.Replace("/summaries/", "/entries/", StringComparison.Ordinal) + "/history");
        await Assertions.Expect(researcher.Locator(".revision-review").First).ToContainTextAsync("Published");
        await PageActions.ScreenshotAsync(researcher, "summary-history");
        await researcher.GotoAsync($"summaries/week/{Web.Features.Entries.IsoWeek.Of(DateTimeOffset.UtcNow)}");
        await Assertions.Expect(researcher.Locator(".week-person--approved")).ToContainTextAsync("Severin Field");
        await PageActions.ScreenshotAsync(researcher, "week");
        await PhoneScreenshotsAsync(summaryUrl);
        await researcher.Context.CloseAsync();
        await mentor.Context.CloseAsync();
        await visitor.Context.CloseAsync();
    }

    private async Task PhoneScreenshotsAsync(string summaryUrl)
    {
        var phone = await wiki.NewPageAsync(width: 390, height: 844);
        await PageActions.SignInAsync(phone, "mentor@example.org", Password);
        var week = $"summaries/week/{Web.Features.Entries.IsoWeek.Of(DateTimeOffset.UtcNow)}";
        foreach (var (path, name) in new[] { ("summaries", "summaries"), (summaryUrl, "summary"), ("review", "review-queue"), (week, "week") })
        {
            await phone.GotoAsync(path);
            await Assertions.Expect(phone.Locator("h1")).ToBeVisibleAsync();
            var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{name} is wider than a phone");
            await PageActions.ScreenshotAsync(phone, $"{name}-390");
        }
        await phone.Context.CloseAsync();
    }

    /// <summary>Presses a review button once it is ready, and waits for the page to show its effect.</summary>
    private static async Task ClickAndSeeAsync(IPage page, string testId, ILocator effect, string text)
    {
        await PageActions.ClickWhenReadyAsync(page.GetByTestId(testId));
        await Assertions.Expect(effect).ToContainTextAsync(text);
    }

    private static async Task FillNoteAsync(IPage page, string note)
    {
        // MudTextField puts the attribute on the textarea itself.
        var field = page.Locator("textarea[data-testid=review-note], [data-testid=review-note] textarea").First;
        await Assertions.Expect(field).ToBeEditableAsync();
        await field.FillAsync(note);
    }

    private async Task AccountAsync(string email, string role, int? programId, string? memberSlug)
    {
        var admin = wiki.Services.GetRequiredService<UserAdministration>();
        if ((await admin.ListAsync()).Any(u => u.Email == email))
        {
            return;
        }
        int? memberId = null;
        if (memberSlug is not null)
        {
            await using var db = await wiki.Services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync();
            memberId = (await db.Members.SingleAsync(m => m.Slug == memberSlug)).Id;
        }
        await admin.AddUserAsync(UserAdministration.CommandLine.Id, email, email.Split('@')[0], role, programId, memberId, Password);
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, email, Password);
        return page;
    }

    private static class Members
    {
        public const int Aisc = 1;
    }
}
