using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Tests.Review;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Summaries;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Summaries;

/// <summary>Weekly summaries through the editor: their week, topic and author, checked beside each field.</summary>
public sealed class SummaryEditingTests : SummaryTestBed
{
    [Fact]
    public async Task Create_WithoutATitle_IsTitledByWeekTopicAndPerson_AndBelongsToTheirProgram()
    {
        var saved = await CreateAsync();

        var entry = await EntryAsync(saved.EntryId);
        Assert.Equal("Week 48, 2026 — Theoretical Chain of Thought — Severin Field", entry.Title);
        Assert.Equal("week-48-2026-theoretical-chain-of-thought-severin-field", entry.Slug);
        Assert.Equal(Members.Aisc, entry.ProgramId);
        Assert.Equal((Week, (int?)TopicId, SeverinMemberId, ReviewState.Draft), (entry.Summary!.Week, entry.Summary.TopicId, entry.Summary.AuthorMemberId, entry.Summary.State));
        var fields = EntryFields.FromJson(entry.Revisions.Single().FieldsJson).Summary;
        Assert.Equal(new EntryFields.SummaryFields(Week, TopicId, "severin-field"), fields);
    }

    [Fact]
    public async Task Create_WithoutATitle_OnATopicOnlyTheTeamReads_LeavesTheTopicOutOfTheTitleAndAddress()
    {
        using (var db = App.CreateDbContext())
        {
            await db.Entries.Where(e => e.Id == TopicId).ExecuteUpdateAsync(set => set.SetProperty(e => e.Visibility, Visibility.Team));
        }

        var saved = Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(Users["author"], EntryKind.WeeklySummary, SummaryInput(SeverinMemberId, TopicId)));

        var entry = await EntryAsync(saved.EntryId);
        Assert.Equal(("Week 48, 2026 — Severin Field", "week-48-2026-severin-field"), (entry.Title, entry.Slug));
        Assert.Equal((int?)TopicId, entry.Summary!.TopicId);
    }

    [Fact]
    public async Task Create_ASecondSummaryOfTheSameWeekAndTopic_IsRefusedWithALinkToTheFirst()
    {
        var first = await CreateAsync();

        var result = await Editor.CreateAsync(Users["author"], EntryKind.WeeklySummary, SummaryInput(SeverinMemberId, TopicId, title: "Another title"));

        var invalid = Assert.IsType<SaveResult.Invalid>(result);
        Assert.Contains("already has a summary for Week 48, 2026", invalid.Errors[SummaryFields.WeekField]);
        Assert.Equal(first.Slug, invalid.Errors[SummaryFields.ExistingField]);
        Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(Users["author"], EntryKind.WeeklySummary, SummaryInput(SeverinMemberId, null)));
    }

    [Theory]
    [InlineData("2026-48", SummaryFields.WeekField)]
    [InlineData("2026-W54", SummaryFields.WeekField)]
    [InlineData("", SummaryFields.WeekField)]
    public async Task Create_WithAWeekThatIsNoWeek_IsRefusedBesideTheWeek(string week, string field)
    {
        var result = await Editor.CreateAsync(Users["author"], EntryKind.WeeklySummary, SummaryInput(SeverinMemberId, TopicId, title: "A title", week: week));

        Assert.Contains(field, Assert.IsType<SaveResult.Invalid>(result).Errors.Keys);
    }

    [Fact]
    public async Task Create_OnAnEntryThatIsNoTopic_IsRefusedBesideTheTopic()
    {
        int goal;
        using (var db = App.CreateDbContext())
        {
            goal = (await db.Entries.SingleAsync(e => e.Slug == "goal")).Id;
        }

        var result = await Editor.CreateAsync(Users["author"], EntryKind.WeeklySummary, SummaryInput(SeverinMemberId, goal));

        Assert.Contains(SummaryFields.TopicField, Assert.IsType<SaveResult.Invalid>(result).Errors.Keys);
    }

    [Fact]
    public async Task Create_ForSomeoneElsesWeek_IsRefusedToAResearcher_AndAllowedToTheMentor()
    {
        var forSeverin = SummaryInput(SeverinMemberId, TopicId);

        Assert.IsType<SaveResult.Refused>(await Editor.CreateAsync(Users["peer"], EntryKind.WeeklySummary, forSeverin));
        Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(Users["mentor"], EntryKind.WeeklySummary, forSeverin));
    }

    [Fact]
    public async Task Create_ByAnAccountNotLinkedToATeamMember_SaysWhy()
    {
        var result = await Editor.CreateAsync(Users["peer"], EntryKind.WeeklySummary, SummaryInput(0, TopicId));

        Assert.Contains("not linked to a person on the team list", Assert.IsType<SaveResult.Refused>(result).Message);
    }

    [Fact]
    public async Task Create_Public_IsRefused_EvenToTheMentor_SummariesArePublishedAfterReview()
    {
        var result = await Editor.CreateAsync(Users["mentor"], EntryKind.WeeklySummary, SummaryInput(SeverinMemberId, TopicId, visibility: Visibility.Public));

        Assert.Contains("after approving it", Assert.IsType<SaveResult.Refused>(result).Message);
    }

    [Fact]
    public async Task Save_ChangesTheWeekAndTopic_AndTheRevisionRecordsThem()
    {
        var saved = await CreateAsync();
        var entry = await EntryAsync(saved.EntryId);

        var result = await Editor.SaveAsync(Users["author"], saved.EntryId, 1,
            new EntryInput(entry.Title, entry.BodyMarkdown, Visibility.Team, entry.ProgramId, "moved", Summary: new SummaryInput("2026-W47", null, SeverinMemberId)));

        Assert.Equal(2, Assert.IsType<SaveResult.Saved>(result).RevisionNumber);
        var after = await EntryAsync(saved.EntryId);
        Assert.Equal(("2026-W47", (int?)null), (after.Summary!.Week, after.Summary.TopicId));
        Assert.Equal(new EntryFields.SummaryFields("2026-W47", null, "severin-field"), EntryFields.FromJson(after.Revisions.Single(r => r.Number == 2).FieldsJson).Summary);
    }

    [Fact]
    public async Task OpenAndBlank_GiveTheEditorTheSummarysFields()
    {
        var saved = await CreateAsync();

        var session = await Editor.OpenAsync(Users["author"], saved.Slug);
        var blank = await Editor.BlankAsync(Users["author"], EntryKind.WeeklySummary);

        Assert.Null(session!.Refusal);
        Assert.Equal(new SummaryInput(Week, TopicId, SeverinMemberId), session.Summary);
        Assert.Null(blank.Refusal);
        Assert.Equal(new SummaryInput(IsoWeek.Of(DateTimeOffset.UtcNow).ToString(), null, SeverinMemberId), blank.Summary);
    }

    [Fact]
    public async Task ADraftTheMentorWroteForSomeone_IsTheirsToReadAndEdit()
    {
        var input = SummaryInput(SeverinMemberId, TopicId, visibility: Visibility.Draft);
        var saved = Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(Users["mentor"], EntryKind.WeeklySummary, input));

        var severin = await App.Get<WikiUsers>().LoadAsync(Users["author"]);
        var peer = await App.Get<WikiUsers>().LoadAsync(Users["peer"]);
        using var db = App.CreateDbContext();
        var facts = (await EntryAccess.FactsAsync(db, saved.EntryId))!;
        Assert.True(EntryPermissions.Can(severin, EntryOperation.Edit, facts));
        Assert.True(await db.Entries.ReadableBy(severin).AnyAsync(e => e.Id == saved.EntryId));
        Assert.False(EntryPermissions.Can(peer, EntryOperation.Read, facts));
        Assert.False(await db.Entries.ReadableBy(peer).AnyAsync(e => e.Id == saved.EntryId));
    }

    [Fact]
    public void DefaultTitle_ShortensALongTopic_SoTheAddressStillNamesThePerson()
    {
        var title = SummaryFields.DefaultTitle(new IsoWeek(2026, 48),
            "A proposed compute-based method for predicting the future feasibility of the Linear Representation Hypothesis", "Severin Field");

        Assert.Equal("Week 48, 2026 — A proposed compute-based method for… — Severin Field", title);
        Assert.EndsWith("severin-field", Slugs.From(title));
    }
}
