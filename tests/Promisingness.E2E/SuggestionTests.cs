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

public sealed class SuggestionTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Password = "a passphrase for suggestions";
    private const string Body = "I read two papers.\n\nBoth are about faithfulness.\n\nNext week: experiments.";

    [BrowserFact]
    public async Task MentorSuggestsWording_OnASubmittedSummary_ResearcherAcceptsOneChangeAndRejectsTheOther_HistoryCreditsBoth()
    {
        var slug = await SubmittedSummaryAsync();
        await AccountAsync("mentor@example.org", Roles.Mentor, null, null);
        var mentor = await SignedInAsync("mentor@example.org");
        var researcher = await SignedInAsync("severin@example.org");

        // The mentor proposes wording instead of describing it in a comment.
        await mentor.GotoAsync($"summaries/{slug}");
        await PageActions.FollowAsync(mentor, mentor.GetByTestId("suggest-edit"), "**/edit?suggest=1");
        await Assertions.Expect(mentor.GetByTestId("save")).ToHaveTextAsync("Send suggestion");
        await PageActions.TypeBodyAsync(mentor, "I read two papers: Lanham et al. and Turpin et al.\n\nBoth are about faithfulness.\n\nNext week: the experiments we planned.", "Turpin");
        await PageActions.SaveAndWaitForAsync(mentor, $"**/summaries/{slug}", wiki);

        // The researcher takes the first change and not the second.
        await researcher.GotoAsync($"summaries/{slug}");
        var hunks = researcher.GetByTestId("hunk");
        await Assertions.Expect(hunks).ToHaveCountAsync(2);
        await Assertions.Expect(researcher.GetByTestId("suggestion")).ToContainTextAsync("mentor");
        await PageActions.ScreenshotAsync(researcher, "suggestion");
        // A question about the suggestion, asked on it; it joins the discussion, marked as about it.
        await PageActions.ClickWhenReadyAsync(researcher.GetByTestId("discuss-suggestion"));
        await researcher.GetByLabel("Comment on this suggested edit").FillAsync("Which Turpin paper?");
        await PageActions.ClickWhenReadyAsync(researcher.GetByTestId("suggestion").GetByTestId("comment-submit"));
        await Assertions.Expect(researcher.GetByTestId("suggestion-message")).ToHaveTextAsync("Your comment is in the discussion below.");
        var thread = researcher.GetByTestId("thread").Filter(new() { HasText = "Which Turpin paper?" });
        await Assertions.Expect(thread.GetByTestId("thread-suggestion")).ToContainTextAsync("About suggested edit #");
        await PageActions.ClickWhenReadyAsync(hunks.Nth(0).GetByTestId("accept"));
        await Assertions.Expect(hunks.Nth(0)).ToContainTextAsync("Accepted by severin");
        await PageActions.ClickWhenReadyAsync(hunks.Nth(1).GetByTestId("reject"));
        await Assertions.Expect(researcher.GetByTestId("suggestions")).ToHaveCountAsync(0);
        await Assertions.Expect(researcher.Locator("main")).ToContainTextAsync("Lanham et al. and Turpin et al.");
        await Assertions.Expect(researcher.Locator("main")).Not.ToContainTextAsync("the experiments we planned");

        // The history says who accepted the change and whose suggestion it was.
        await researcher.GotoAsync($"entries/{slug}/history");
        var accepted = researcher.Locator(".revision__head").Filter(new() { Has = researcher.GetByTestId("suggested-by") });
        await Assertions.Expect(accepted).ToHaveCountAsync(1);
        await Assertions.Expect(accepted).ToContainTextAsync("by severin");
        await Assertions.Expect(accepted).ToContainTextAsync("accepting a suggestion by mentor");
        await mentor.Context.CloseAsync();
        await researcher.Context.CloseAsync();
    }

    /// <summary>Severin's summary of this week on a topic, submitted for review; its slug.</summary>
    private async Task<string> SubmittedSummaryAsync()
    {
        await AccountAsync("severin@example.org", Roles.Researcher, 1, "severin-field");
        await using var db = await wiki.Services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync();
        var severin = await db.Users.SingleAsync(u => u.Email == "severin@example.org");
        var topic = await db.Entries.SingleAsync(e => e.Slug == "theoretical-chain-of-thought");
        var saved = await wiki.Services.GetRequiredService<EntryEditor>().CreateAsync(severin.Id, EntryKind.WeeklySummary,
            new EntryInput("", Body, Visibility.Team, null, "", Summary: new SummaryInput(IsoWeek.Of(DateTimeOffset.UtcNow).ToString(), topic.Id, severin.MemberId!.Value)));
        var summary = Assert.IsType<SaveResult.Saved>(saved);
        Assert.IsType<ReviewResult.Done>(await wiki.Services.GetRequiredService<ReviewWorkflow>().ActAsync(severin.Id, summary.EntryId, ReviewCommand.Submit, summary.RevisionNumber, ""));
        return summary.Slug;
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
}
