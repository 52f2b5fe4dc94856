using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Suggestions;
using Promisingness.Web.Features.Summaries.Review;

namespace Promisingness.Tests.Suggestions;

public class SuggestionTests : SuggestionTestBed
{
    [DatabaseFact]
    public async Task AcceptOneChangeOfThree_SavesOnlyThatChange_CreditingBoth_AndTellsTheSuggester()
    {
        var page = await PageAsync();
        var id = await SuggestedAsync("mentor", page, Changed((0, "One!"), (3, "Four!"), (6, "Seven!")));
        Assert.Equal([HunkPart.Text, HunkPart.Text, HunkPart.Text], (await ViewAsync(id)).Hunks.Select(h => h.Part));

        var accepted = Assert.IsType<SuggestionResult.Done>(await Suggestions.AcceptAsync(Users["author"], id, 1));

        Assert.Equal(2, accepted.RevisionNumber);
        Assert.Equal(Changed((3, "Four!")), await BodyAsync(page));
        var view = await ViewAsync(id);
        Assert.Equal([HunkState.Open, HunkState.Accepted, HunkState.Open], view.Hunks.Select(h => h.State));
        Assert.Equal(SuggestionState.Open, view.State);
        var history = (await App.Get<EntryHistory>().GetAsync("reading-notes", await App.Get<Web.Security.WikiUsers>().LoadAsync(Users["author"]))).Value!;
        var revision = history.Revisions.First(r => r.Number == 2);
        Assert.Equal("severin", revision.AuthorName);
        Assert.Equal("bogdan", revision.SuggestedBy);
        var told = Assert.Single(await InboxOfAsync("mentor"));
        Assert.Equal("accepted a change of your suggestion", told.Text);
        Assert.Equal(2, told.RevisionNumber);
    }

    [DatabaseFact]
    public async Task SuggestionOnAnOlderRevision_IsRebasedOnTheCurrentOne()
    {
        var page = await PageAsync();
        var id = await SuggestedAsync("mentor", page, Changed((0, "One!"), (3, "Four!")));
        await EditTextAsync(page, "author", Changed((8, "Nine, by Severin.")));

        Assert.All((await ViewAsync(id)).Hunks, h => Assert.Equal(HunkState.Open, h.State));
        var done = Assert.IsType<SuggestionResult.Done>(await Suggestions.AcceptAllAsync(Users["author"], id));

        Assert.Equal(3, done.RevisionNumber);
        Assert.Equal(Changed((0, "One!"), (3, "Four!"), (8, "Nine, by Severin.")), await BodyAsync(page));
        Assert.Equal(SuggestionState.Accepted, (await ViewAsync(id)).State);
    }

    [DatabaseFact]
    public async Task ChangeWhoseLinesChangedSince_IsOutdated_AndNeverApplied()
    {
        var page = await PageAsync();
        var id = await SuggestedAsync("mentor", page, Changed((0, "One!"), (3, "Four!")));
        await EditTextAsync(page, "author", Changed((3, "Four, as Severin put it.")));

        Assert.Equal([HunkState.Open, HunkState.Outdated], (await ViewAsync(id)).Hunks.Select(h => h.State));
        Assert.IsType<SuggestionResult.Refused>(await Suggestions.AcceptAsync(Users["author"], id, 1));
        Assert.Equal(Changed((3, "Four, as Severin put it.")), await BodyAsync(page));

        Assert.IsType<SuggestionResult.Done>(await Suggestions.AcceptAllAsync(Users["author"], id));

        Assert.Equal(Changed((0, "One!"), (3, "Four, as Severin put it.")), await BodyAsync(page));
        var view = await ViewAsync(id);
        Assert.Equal(SuggestionState.PartlyAccepted, view.State);
        Assert.Equal([HunkState.Accepted, HunkState.Outdated], view.Hunks.Select(h => h.State));
    }

    [DatabaseFact]
    public async Task AcceptingAfterTheEntryChangedAgain_KeepsEveryoneElsesChanges()
    {
        var page = await PageAsync();
        var id = await SuggestedAsync("mentor", page, Changed((0, "One!"), (3, "Four!"), (6, "Seven!")), title: "Reading notes, revised");
        Assert.Equal([HunkPart.Title, HunkPart.Text, HunkPart.Text, HunkPart.Text], (await ViewAsync(id)).Hunks.Select(h => h.Part));

        Assert.IsType<SuggestionResult.Done>(await Suggestions.AcceptAsync(Users["author"], id, 1));
        await EditTextAsync(page, "peer", Changed((0, "One!"), (8, "Nine, by a peer.")));
        Assert.IsType<SuggestionResult.Done>(await Suggestions.AcceptAsync(Users["peer"], id, 2));
        Assert.IsType<SuggestionResult.Done>(await Suggestions.RejectAllAsync(Users["author"], id));

        var entry = await EntryAsync(page);
        Assert.Equal("Reading notes", entry.Title);
        Assert.Equal(Changed((0, "One!"), (3, "Four!"), (8, "Nine, by a peer.")), entry.BodyMarkdown);
        Assert.Equal(4, entry.RevisionNumber);
        var view = await ViewAsync(id);
        Assert.Equal(SuggestionState.PartlyAccepted, view.State);
        Assert.Equal([HunkState.Rejected, HunkState.Accepted, HunkState.Accepted, HunkState.Rejected], view.Hunks.Select(h => h.State));
        Assert.Equal(["accepted a change of your suggestion", "accepted a change of your suggestion", "rejected 2 changes of your suggestion"],
            (await InboxOfAsync("mentor")).Select(n => n.Text));
    }

    [DatabaseFact]
    public async Task SuggestionOnASubmittedSummary_AcceptedByItsAuthor_ChangesOnlyItsText()
    {
        var summary = await CreateAsync(body: Text(NineLines));
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        var id = await SuggestedAsync("mentor", summary.EntryId, Changed((0, "One, said better."), (6, "Seven, said better.")));

        Assert.Equal([HunkPart.Text, HunkPart.Text], (await ViewAsync(id)).Hunks.Select(h => h.Part));
        Assert.IsType<SuggestionResult.Done>(await Suggestions.AcceptAsync(Users["author"], id, 0));
        Assert.IsType<SuggestionResult.Done>(await Suggestions.RejectAsync(Users["author"], id, 1));

        var entry = await EntryAsync(summary.EntryId);
        Assert.Equal(Changed((0, "One, said better.")), entry.BodyMarkdown);
        Assert.Equal(SuggestionState.PartlyAccepted, (await ViewAsync(id)).State);
        using var db = App.CreateDbContext();
        var revision = await db.Revisions.SingleAsync(r => r.EntryId == summary.EntryId && r.Number == entry.RevisionNumber);
        Assert.Equal(Users["author"], revision.AuthorUserId);
        Assert.Equal(id, revision.SuggestionId);
    }

    [DatabaseFact]
    public async Task Withdraw_IsTheSuggestersAlone_AndClosesIt()
    {
        var page = await PageAsync();
        var id = await SuggestedAsync("mars", page, Changed((0, "One!")));

        Assert.IsType<SuggestionResult.Refused>(await Suggestions.WithdrawAsync(Users["author"], id));
        Assert.IsType<SuggestionResult.Done>(await Suggestions.WithdrawAsync(Users["mars"], id));

        Assert.Equal(SuggestionState.Withdrawn, (await ViewAsync(id)).State);
        Assert.IsType<SuggestionResult.Refused>(await Suggestions.AcceptAsync(Users["author"], id, 0));
        Assert.Empty(await Suggestions.OpenOnEntryAsync(page, await App.Get<Web.Security.WikiUsers>().LoadAsync(Users["author"])));
    }

    [DatabaseFact]
    public async Task ADiscussionOfASuggestion_JoinsTheEntrysDiscussion_MarkedAsAboutIt()
    {
        var page = await PageAsync();
        var other = await PageAsync(title: "Other notes");
        var id = await SuggestedAsync("mars", page, Changed((0, "One!")));
        var discussions = App.Get<Discussions>();

        var opened = await discussions.OpenAsync(Users["author"], page, "Why the exclamation mark?", anchor: null, suggestionId: id);
        var elsewhere = await discussions.OpenAsync(Users["author"], other, "Misplaced.", anchor: null, suggestionId: id);

        Assert.Null(opened.Error);
        Assert.Equal("This suggested edit is not one of this entry's.", elsewhere.Error);
        var thread = Assert.Single(await discussions.ThreadsAsync(page, await App.Get<Web.Security.WikiUsers>().LoadAsync(Users["mars"])));
        Assert.Equal((id, "Why the exclamation mark?"), (thread.SuggestionId, thread.Comments[0].Markdown));
        Assert.Empty(await discussions.ThreadsAsync(other, await App.Get<Web.Security.WikiUsers>().LoadAsync(Users["author"])));
    }
}

[OnPostgres]
public sealed class SuggestionOnPostgresTests : SuggestionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
