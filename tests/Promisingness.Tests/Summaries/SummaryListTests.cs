using Promisingness.Tests.Review;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Summaries;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Summaries;

/// <summary>The summaries list: newest week first, a few weeks per page.</summary>
public sealed class SummaryListTests : SummaryTestBed
{
    [Fact]
    public async Task List_ShowsTheNewestWeeksFirst_AndPointsToTheOlderOnes()
    {
        for (var week = 40; week <= 47; week++)
        {
            Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(Users["author"], EntryKind.WeeklySummary, SummaryInput(SeverinMemberId, null, week: $"2026-W{week}")));
        }
        var reader = await App.Get<WikiUsers>().LoadAsync(Users["mars"]);
        var queries = App.Get<SummaryQueries>();

        var newest = await queries.ListAsync(reader, weeks: 6);
        var older = await queries.ListAsync(reader, newest.Older, weeks: 6);

        Assert.Equal([47, 46, 45, 44, 43, 42], newest.Cards.Select(c => c.Week.Week));
        Assert.Equal(new IsoWeek(2026, 41), newest.Older);
        Assert.Equal([41, 40], older.Cards.Select(c => c.Week.Week));
        Assert.Null(older.Older);
        Assert.Empty((await queries.ListAsync(reader: null)).Cards);
    }
}
