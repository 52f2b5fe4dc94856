using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Suggestions;
using Promisingness.Web.Features.Summaries.Review;

namespace Promisingness.Tests.Review;

/// <summary>The review state machine: every transition, allowed and refused, checked on the server.</summary>
public class ReviewWorkflowTests : SummaryTestBed
{
    /// <summary>Every row of the table: who may do what from which state (a null outcome: refused, nothing changes).</summary>
    private static TheoryData<ReviewState, ReviewCommand, string, ReviewState?> Transitions => new()
    {
        // Submit: the author, or anyone who may edit the summary, from a draft or after changes were requested.
        { ReviewState.Draft, ReviewCommand.Submit, "author", ReviewState.Submitted },
        { ReviewState.ChangesRequested, ReviewCommand.Submit, "author", ReviewState.Submitted },
        { ReviewState.Draft, ReviewCommand.Submit, "peer", ReviewState.Submitted },
        { ReviewState.Draft, ReviewCommand.Submit, "mentor2", ReviewState.Submitted },
        { ReviewState.Draft, ReviewCommand.Submit, "mars", null },
        { ReviewState.Draft, ReviewCommand.Submit, "nobody", null },
        { ReviewState.Draft, ReviewCommand.Submit, "locked", null },
        { ReviewState.Submitted, ReviewCommand.Submit, "author", null },
        { ReviewState.Approved, ReviewCommand.Submit, "author", null },
        { ReviewState.NeedsReReview, ReviewCommand.Submit, "author", null },

        // Request changes: the mentor or an admin, on a submitted summary or one edited after approval.
        { ReviewState.Submitted, ReviewCommand.RequestChanges, "mentor2", ReviewState.ChangesRequested },
        { ReviewState.NeedsReReview, ReviewCommand.RequestChanges, "mentor2", ReviewState.ChangesRequested },
        { ReviewState.Submitted, ReviewCommand.RequestChanges, "admin", ReviewState.ChangesRequested },
        { ReviewState.Submitted, ReviewCommand.RequestChanges, "author", null },
        { ReviewState.Submitted, ReviewCommand.RequestChanges, "peer", null },
        { ReviewState.Submitted, ReviewCommand.RequestChanges, "locked", null },
        { ReviewState.Draft, ReviewCommand.RequestChanges, "mentor2", null },
        { ReviewState.ChangesRequested, ReviewCommand.RequestChanges, "mentor2", null },
        { ReviewState.Approved, ReviewCommand.RequestChanges, "mentor2", null },

        // Approve: the mentor or an admin, only a submitted summary (or one edited after approval).
        { ReviewState.Submitted, ReviewCommand.Approve, "mentor2", ReviewState.Approved },
        { ReviewState.NeedsReReview, ReviewCommand.Approve, "mentor2", ReviewState.Approved },
        { ReviewState.Submitted, ReviewCommand.Approve, "admin", ReviewState.Approved },
        { ReviewState.Submitted, ReviewCommand.Approve, "author", null },
        { ReviewState.Submitted, ReviewCommand.Approve, "peer", null },
        { ReviewState.Submitted, ReviewCommand.Approve, "mars", null },
        { ReviewState.Submitted, ReviewCommand.Approve, "locked", null },
        { ReviewState.Submitted, ReviewCommand.Approve, "nobody", null },
        { ReviewState.Draft, ReviewCommand.Approve, "mentor2", null },
        { ReviewState.ChangesRequested, ReviewCommand.Approve, "mentor2", null },
        { ReviewState.Approved, ReviewCommand.Approve, "mentor2", null },

        // Publish: the mentor or an admin, only an approved summary.
        { ReviewState.Approved, ReviewCommand.Publish, "mentor2", ReviewState.Approved },
        { ReviewState.Approved, ReviewCommand.Publish, "admin", ReviewState.Approved },
        { ReviewState.Approved, ReviewCommand.Publish, "author", null },
        { ReviewState.Approved, ReviewCommand.Publish, "peer", null },
        { ReviewState.Draft, ReviewCommand.Publish, "mentor2", null },
        { ReviewState.Submitted, ReviewCommand.Publish, "mentor2", null },
        { ReviewState.ChangesRequested, ReviewCommand.Publish, "mentor2", null },
        { ReviewState.NeedsReReview, ReviewCommand.Publish, "mentor2", null },
    };

    public static TheoryData<ReviewState, ReviewCommand, string, ReviewState?> Allowed => Rows(allowed: true);

    public static TheoryData<ReviewState, ReviewCommand, string, ReviewState?> Refused => Rows(allowed: false);

    private static TheoryData<ReviewState, ReviewCommand, string, ReviewState?> Rows(bool allowed)
    {
        var rows = new TheoryData<ReviewState, ReviewCommand, string, ReviewState?>();
        foreach (var row in Transitions.Where(row => (row[3] is not null) == allowed))
        {
            rows.Add((ReviewState)row[0], (ReviewCommand)row[1], (string)row[2], (ReviewState?)row[3]);
        }
        return rows;
    }

    /// <summary>A transition the table allows: its conditional update runs on each database.</summary>
    [DatabaseTheory]
    [MemberData(nameof(Allowed))]
    public Task Command_FromEachState_IsAllowedAsTheTableSays(ReviewState state, ReviewCommand command, string actor, ReviewState? expected) =>
        CommandAsync(state, command, actor, expected);

    /// <summary>A transition the table refuses: refused by the rules before anything is written, the same on each database.</summary>
    [SqliteTheory]
    [MemberData(nameof(Refused))]
    public Task Command_FromEachState_IsRefusedAsTheTableSays(ReviewState state, ReviewCommand command, string actor, ReviewState? expected) =>
        CommandAsync(state, command, actor, expected);

    private async Task CommandAsync(ReviewState state, ReviewCommand command, string actor, ReviewState? expected)
    {
        var summary = await CreateAsync();
        using (var db = App.CreateDbContext())
        {
            var approved = state is ReviewState.Approved or ReviewState.NeedsReReview ? (int?)1 : null;
            await db.WeeklySummaries.Where(s => s.EntryId == summary.EntryId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, state).SetProperty(x => x.ApprovedRevisionNumber, approved));
        }

        var result = await ActAsync(actor, summary.EntryId, command);

        var after = await EntryAsync(summary.EntryId);
        var steps = await StepsAsync(summary.EntryId);
        if (expected is { } moved)
        {
            var done = Assert.IsType<ReviewResult.Done>(result);
            Assert.Equal(moved, after.Summary!.State);
            var step = Assert.Single(steps);
            Assert.Equal((done.RevisionNumber, "A note."), (step.RevisionNumber, step.Note));
            Assert.Equal(Users[actor], step.ActorUserId);
            Assert.Equal(command == ReviewCommand.Publish ? Visibility.Public : Visibility.Team, after.Visibility);
        }
        else
        {
            var refused = Assert.IsType<ReviewResult.Refused>(result);
            Assert.False(string.IsNullOrWhiteSpace(refused.Message));
            Assert.Equal(state, after.Summary!.State);
            Assert.Empty(steps);
            Assert.Equal(Visibility.Team, after.Visibility);
            Assert.Equal(1, after.RevisionNumber);
        }
    }

    [DatabaseFact]
    public async Task Approve_ByTheMentorWhoseOwnSummaryItIs_IsRefused_AnotherMentorMayApprove()
    {
        var own = await CreateAsync(writer: "mentor", authorMemberId: BogdanMemberId);
        await DoneAsync("mentor", own.EntryId, ReviewCommand.Submit);

        var refused = Assert.IsType<ReviewResult.Refused>(await ActAsync("mentor", own.EntryId, ReviewCommand.Approve));

        Assert.Contains("someone else must approve", refused.Message);
        await DoneAsync("mentor2", own.EntryId, ReviewCommand.Approve);
    }

    [DatabaseFact]
    public async Task Approve_ByTheMentorWhoWroteItForSomeoneElse_IsRefused()
    {
        var written = await CreateAsync(writer: "mentor", authorMemberId: SeverinMemberId);
        await DoneAsync("author", written.EntryId, ReviewCommand.Submit);

        Assert.IsType<ReviewResult.Refused>(await ActAsync("mentor", written.EntryId, ReviewCommand.Approve));
        await DoneAsync("admin", written.EntryId, ReviewCommand.Approve);
    }

    [DatabaseFact]
    public async Task RequestChanges_WithoutANote_IsRefusedBesideTheNoteField()
    {
        var summary = await CreateAsync();
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);

        var refused = Assert.IsType<ReviewResult.Refused>(await ActAsync("mentor", summary.EntryId, ReviewCommand.RequestChanges, note: "   "));

        Assert.Equal(ReviewWorkflow.NoteField, refused.Field);
        Assert.Equal(ReviewState.Submitted, (await EntryAsync(summary.EntryId)).Summary!.State);
    }

    [DatabaseFact]
    public async Task RequestChanges_CountsTheReviewersOpenSuggestedEdits_WhichMayStandInForANote()
    {
        var summary = await CreateAsync();
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        var current = await EntryAsync(summary.EntryId);
        Assert.IsType<SuggestionResult.Done>(await App.Get<SuggestedEdits>().CreateAsync(Users["mentor"], summary.EntryId, current.RevisionNumber,
            SummaryInput(SeverinMemberId, TopicId, "What I read this week, and why it matters.") with { Title = current.Title }));

        await DoneAsync("mentor", summary.EntryId, ReviewCommand.RequestChanges, note: "");

        Assert.Equal("1 suggested edit waits on the summary's page.", (await StepsAsync(summary.EntryId))[^1].Note);
        Assert.Equal(ReviewState.ChangesRequested, (await EntryAsync(summary.EntryId)).Summary!.State);
    }

    [DatabaseFact]
    public async Task Approve_OfARevisionThatIsNoLongerTheCurrentOne_IsRefused()
    {
        var summary = await CreateAsync();
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        await EditAsync(summary, "author", "A better text, written while the mentor was reading.");

        var result = await Workflow.ApproveAsync(Users["mentor"], summary.EntryId, revisionNumber: 1);

        Assert.Contains("revision 2", Assert.IsType<ReviewResult.Refused>(result).Message);
        Assert.Equal(ReviewState.Submitted, (await EntryAsync(summary.EntryId)).Summary!.State);
    }

    [DatabaseFact]
    public async Task Approve_ByTwoReviewersAtOnce_OnlyOneSucceeds()
    {
        var summary = await CreateAsync();
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);

        var results = await Task.WhenAll(
            Task.Run(() => Workflow.ApproveAsync(Users["mentor"], summary.EntryId, 1, "first")),
            Task.Run(() => Workflow.ApproveAsync(Users["mentor2"], summary.EntryId, 1, "second")),
            Task.Run(() => Workflow.ApproveAsync(Users["admin"], summary.EntryId, 1, "third")));

        Assert.Single(results.OfType<ReviewResult.Done>());
        Assert.Equal(2, results.OfType<ReviewResult.Refused>().Count());
        Assert.Single(await StepsAsync(summary.EntryId), s => s.Action == ReviewAction.Approved);
    }

    [DatabaseFact]
    public async Task Approval_IsBoundToTheRevisionApproved_AndAnEditAfterItNeedsANewReview()
    {
        var summary = await CreateAsync();
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve, "Good week.");
        Assert.Equal((ReviewState.Approved, (int?)1), ((await EntryAsync(summary.EntryId)).Summary!.State, (await EntryAsync(summary.EntryId)).Summary!.ApprovedRevisionNumber));

        await EditAsync(summary, "author", "What I read this week, and one more thing.");

        var after = await EntryAsync(summary.EntryId);
        Assert.Equal(ReviewState.NeedsReReview, after.Summary!.State);
        Assert.Equal(1, after.Summary.ApprovedRevisionNumber);
        var steps = await StepsAsync(summary.EntryId);
        Assert.Equal([ReviewAction.Submitted, ReviewAction.Approved, ReviewAction.EditedAfterApproval], steps.Select(s => s.Action));
        Assert.Equal((1, 2), (steps[1].RevisionNumber, steps[2].RevisionNumber));
        Assert.Equal([1, 2], after.Revisions.Select(r => r.Number).Order());

        // The approval stays on revision 1; the mentor reviews again and approves revision 2.
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);
        Assert.Equal(2, (await EntryAsync(summary.EntryId)).Summary!.ApprovedRevisionNumber);
    }

    [DatabaseFact]
    public async Task Publish_MakesThePageOfTheApprovedRevisionPublic_WithoutCountingAsAnEdit()
    {
        var summary = await CreateAsync();
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);

        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Publish, note: "");

        var after = await EntryAsync(summary.EntryId);
        Assert.Equal((Visibility.Public, ReviewState.Approved, 2, (int?)1), (after.Visibility, after.Summary!.State, after.RevisionNumber, after.Summary.ApprovedRevisionNumber));
        var published = after.Revisions.Single(r => r.Number == 2);
        Assert.Equal((Visibility.Public, ReviewWorkflow.PublishedEditNote), (published.Visibility, published.EditNote));
        Assert.Equal(after.Revisions.Single(r => r.Number == 1).BodyMarkdown, published.BodyMarkdown);
        Assert.Equal(ReviewAction.Published, (await StepsAsync(summary.EntryId)).Last().Action);
        Assert.IsType<ReviewResult.Refused>(await ActAsync("mentor", summary.EntryId, ReviewCommand.Publish));
    }

    [DatabaseFact]
    public async Task EditingAPublishedSummary_TakesItBackFromThePublicUntilApprovedAgain()
    {
        var summary = await CreateAsync();
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Publish);

        await EditAsync(summary, "author", "An unreviewed change.", Visibility.Public);

        var after = await EntryAsync(summary.EntryId);
        Assert.Equal((Visibility.Team, ReviewState.NeedsReReview), (after.Visibility, after.Summary!.State));
        Assert.Equal(Visibility.Team, after.Revisions.Single(r => r.Number == 3).Visibility);
        Assert.Contains("Taken back from the public", (await StepsAsync(summary.EntryId)).Last().Note);
    }

    [DatabaseFact]
    public async Task TakingAnApprovedSummaryBackFromThePublic_IsNoEditAfterApproval()
    {
        var summary = await CreateAsync();
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Publish);

        await EditAsync(summary, "mentor", "What I read this week.", Visibility.Team);

        Assert.Equal(ReviewState.Approved, (await EntryAsync(summary.EntryId)).Summary!.State);
    }

    [DatabaseFact]
    public async Task Restore_OfAnApprovedSummary_NeedsANewReview()
    {
        var summary = await CreateAsync();
        await EditAsync(summary, "author", "Second version.");
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);

        Assert.IsType<SaveResult.Saved>(await Editor.RestoreAsync(Users["author"], summary.EntryId, 1));

        var after = await EntryAsync(summary.EntryId);
        Assert.Equal((ReviewState.NeedsReReview, "What I read this week."), (after.Summary!.State, after.BodyMarkdown));
        Assert.Equal(SummaryTestBed.Week, after.Summary.Week);
    }

    [DatabaseFact]
    public async Task Steps_NotifyTheMentorsOfSubmissions_AndTheAuthorOfDecisions_NeverTheOneWhoActed()
    {
        var summary = await CreateAsync();
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.RequestChanges, "Add the paper's name.");
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);

        using var db = App.CreateDbContext();
        var notes = await db.Notifications.Where(n => n.EntryId == summary.EntryId).OrderBy(n => n.Id).ToListAsync();
        // The locked mentor may not read the summary, so hears nothing of it.
        string[] reviewers = [Users["mentor"], Users["mentor2"], Users["admin"]];
        var submissions = notes.Where(n => n.Kind == NotificationKind.Submitted).ToList();
        Assert.Equal(2 * reviewers.Length, submissions.Count);
        Assert.All(submissions, n => Assert.Contains(n.RecipientUserId, reviewers));
        var decisions = notes.Where(n => n.Kind == NotificationKind.ReviewDecision).ToList();
        Assert.Equal(["requested changes to your weekly summary", "approved your weekly summary"], decisions.Select(n => n.Text));
        Assert.All(decisions, n => Assert.Equal(Users["author"], n.RecipientUserId));
        Assert.DoesNotContain(notes, n => n.Text.Contains("paper", StringComparison.Ordinal) || n.Text.Contains("read this week", StringComparison.Ordinal));
        Assert.DoesNotContain(notes, n => n.RecipientUserId == Users["author"] && n.Kind == NotificationKind.Submitted);
        Assert.DoesNotContain(notes, n => n.RecipientUserId == Users["locked"]);
    }

    [DatabaseFact]
    public async Task ASaveReadBeforeAnApproval_AndWrittenAfterIt_IsNotWritten_SoTheEditCannotSlipPastTheReview()
    {
        var summary = await CreateAsync();
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        using var db = App.CreateDbContext();
        var entry = await db.Entries.Include(e => e.Tags).Include(e => e.Summary).ThenInclude(s => s!.AuthorMember).SingleAsync(e => e.Id == summary.EntryId);
        var before = Web.Features.Entries.RevisionRecorder.Snapshot(entry);
        entry.BodyMarkdown = "Changed while the mentor approved.";
        App.Get<Web.Features.Entries.RevisionRecorder>().RecordIfChanged(db, entry, before, new Web.Features.Entries.Author("severin", Users["author"]), DateTimeOffset.UtcNow, "edit");

        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);
        var summaryFields = App.Get<Web.Features.Entries.Saving.EditableKinds>().For(EntryKind.WeeklySummary)!;
        Assert.True(summaryFields.ChecksStateAtWrite(entry));
        Assert.False(await summaryFields.StillAsReadAsync(db, entry, CancellationToken.None));

        var after = await EntryAsync(summary.EntryId);
        Assert.Equal((1, ReviewState.Approved), (after.RevisionNumber, after.Summary!.State));
    }

    [DatabaseFact]
    public async Task Approve_ByAReviewerWhoEditedTheSubmittedSummary_IsRefused_TheSummaryWaitsForAnotherReviewer()
    {
        var summary = await SubmittedAsync();
        await EditAsync(summary, "mentor", "The mentor's own words instead.");

        var refused = Assert.IsType<ReviewResult.Refused>(await ActAsync("mentor", summary.EntryId, ReviewCommand.Approve));

        Assert.Contains("another reviewer", refused.Message);
        Assert.Equal(ReviewState.Submitted, (await EntryAsync(summary.EntryId)).Summary!.State);
        Assert.Equal([ReviewCommand.RequestChanges], await Workflow.AllowedAsync(Users["mentor"], summary.EntryId));
        Assert.Equal(refused.Message, await Workflow.OwnChangeAsync(Users["mentor"], summary.EntryId));
        Assert.Null(await Workflow.OwnChangeAsync(Users["mentor2"], summary.EntryId));
        await DoneAsync("mentor2", summary.EntryId, ReviewCommand.Approve);
    }

    [DatabaseFact]
    public async Task Approve_ByAReviewerWhoEditedAfterTheApproval_IsRefused_AnotherReviewerMayApprove()
    {
        var summary = await SubmittedAsync();
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);
        await EditAsync(summary, "mentor", "Rewritten by the reviewer after approving it.");

        Assert.IsType<ReviewResult.Refused>(await ActAsync("mentor", summary.EntryId, ReviewCommand.Approve));
        await DoneAsync("admin", summary.EntryId, ReviewCommand.Approve);
    }

    [DatabaseFact]
    public async Task Approve_ByAReviewerWhoseEditAnotherReviewerApproved_IsAllowedForTheAuthorsNextChange()
    {
        var summary = await SubmittedAsync();
        await EditAsync(summary, "mentor", "A sentence fixed by the mentor.");
        await DoneAsync("admin", summary.EntryId, ReviewCommand.Approve);
        await EditAsync(summary, "author", "The author's next change.");

        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);
    }

    [DatabaseFact]
    public async Task Publish_ByAReviewerWhoChangedWhatWasApproved_IsRefused_AnotherReviewerMayPublish()
    {
        var summary = await SubmittedAsync();
        await EditAsync(summary, "mentor", "A paragraph added by the mentor.");
        await DoneAsync("admin", summary.EntryId, ReviewCommand.Approve);

        var refused = Assert.IsType<ReviewResult.Refused>(await ActAsync("mentor", summary.EntryId, ReviewCommand.Publish));

        Assert.Contains("must publish it", refused.Message);
        Assert.Equal(Visibility.Team, (await EntryAsync(summary.EntryId)).Visibility);
        await DoneAsync("admin", summary.EntryId, ReviewCommand.Publish);
    }

    [DatabaseFact]
    public async Task Publish_ByTheApproverOfARepublishedSummary_IsAllowed_ThePublicationIsNobodysChange()
    {
        var summary = await SubmittedAsync();
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Publish);
        await EditAsync(summary, "author", "A correction after publishing.", Visibility.Public);

        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Publish);
    }

    [DatabaseFact]
    public async Task ReviewPage_OfASummaryTheReviewerEdited_SaysWhyThereIsNoApproveButton()
    {
        var summary = await SubmittedAsync();
        await EditAsync(summary, "mentor", "The mentor's own words instead.");
        var mentor = await Members.SignInAsync(App, "bogdan@test.local");
        var other = await Members.SignInAsync(App, "second-mentor@test.local");

        var page = new HtmlParser().ParseDocument(await mentor.GetStringAsync($"/review/{summary.Slug}"));
        var otherPage = new HtmlParser().ParseDocument(await other.GetStringAsync($"/review/{summary.Slug}"));

        Assert.Contains("another reviewer", page.QuerySelector("[data-testid=review-withheld]")?.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=review-approve]"));
        Assert.NotNull(page.QuerySelector("[data-testid=review-requestchanges]"));
        Assert.Null(otherPage.QuerySelector("[data-testid=review-withheld]"));
        Assert.NotNull(otherPage.QuerySelector("[data-testid=review-approve]"));
    }

    private async Task<SaveResult.Saved> SubmittedAsync()
    {
        var summary = await CreateAsync();
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        return summary;
    }

    [DatabaseFact]
    public async Task Allowed_ListsTheButtonsThePersonMayPress()
    {
        var summary = await CreateAsync();
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);

        Assert.Empty(await Workflow.AllowedAsync(Users["author"], summary.EntryId));
        Assert.Equal([ReviewCommand.RequestChanges, ReviewCommand.Approve], await Workflow.AllowedAsync(Users["mentor"], summary.EntryId));
        Assert.Empty(await Workflow.AllowedAsync(null, summary.EntryId));
    }
}

[OnPostgres]
public sealed class ReviewWorkflowOnPostgresTests : ReviewWorkflowTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
