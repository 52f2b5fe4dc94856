using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Tests.Review;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Summaries;
using Promisingness.Web.Features.Summaries.Review;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Summaries;

/// <summary>The week view: per program, who has written, who is in review, and who has not written yet.</summary>
public sealed class WeekViewTests : SummaryTestBed
{
    [Fact]
    public async Task Week_ShowsEachProgramsResearchers_AndWhereTheirSummariesStand()
    {
        int timChan, robayet;
        using (var db = App.CreateDbContext())
        {
            timChan = (await db.Members.SingleAsync(m => m.Slug == "tim-chan")).Id;
            robayet = (await db.Members.SingleAsync(m => m.Slug == "robayet-hossain")).Id;
        }
        var tim = await Members.AddAsync(App, "tim@test.local", Roles.Researcher, Members.Mars, timChan);
        var approved = await CreateAsync();
        await DoneAsync("author", approved.EntryId, ReviewCommand.Submit);
        await DoneAsync("mentor", approved.EntryId, ReviewCommand.Approve);
        var timsDraft = Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(tim, EntryKind.WeeklySummary, SummaryInput(timChan, TopicId, visibility: Visibility.Draft)));
        await Workflow.SubmitAsync(tim, timsDraft.EntryId, 1);
        Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(Users["mentor"], EntryKind.WeeklySummary, SummaryInput(robayet, null)));

        var reader = await App.Get<WikiUsers>().LoadAsync(Users["author"]);
        var view = await App.Get<SummaryQueries>().WeekAsync(new IsoWeek(2026, 48), reader);

        Assert.Equal(["AI Safety Camp", "MARS", "SPAR"], view.Groups.Take(3).Select(g => g.Name));
        var aisc = view.Groups[0].People.ToDictionary(p => p.Person.Slug);
        Assert.Equal(WeekStanding.Approved, aisc["severin-field"].Standing);
        Assert.Equal(WeekStanding.NotWritten, aisc["marcel-mir"].Standing);
        Assert.Empty(aisc["marcel-mir"].Summaries);
        var mars = view.Groups[1].People.ToDictionary(p => p.Person.Slug);
        Assert.Equal(WeekStanding.InReview, mars["tim-chan"].Standing);
        // Tim's summary is a draft Severin may not open: its state shows, its title does not.
        var hidden = Assert.Single(mars["tim-chan"].Summaries);
        Assert.Equal((null, null), (hidden.Slug, hidden.Title));
        Assert.Equal(WeekStanding.Writing, mars["robayet-hossain"].Standing);
        Assert.All(view.Groups.SelectMany(g => g.People), p => Assert.NotEqual(MemberRole.Mentor, p.Person.Role));
    }

    [Fact]
    public async Task AnotherWeek_HasEveryoneNotWrittenYet()
    {
        await CreateAsync();

        var view = await App.Get<SummaryQueries>().WeekAsync(new IsoWeek(2026, 47), await App.Get<WikiUsers>().LoadAsync(Users["mentor"]));

        Assert.All(view.Groups.SelectMany(g => g.People), p => Assert.Equal(WeekStanding.NotWritten, p.Standing));
    }
}
