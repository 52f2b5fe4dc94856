using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Tests.Review;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Summaries.Review;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Entries;

/// <summary>
/// An entry's side lists come in one statement (a UNION ALL of four queries): each list keeps its own order and
/// its own read rule, on SQLite and on PostgreSQL.
/// </summary>
public class SideListsTests : SummaryTestBed
{
    private const string TopicTitle = "Side lists topic";

    [DatabaseFact]
    public async Task SideLists_OfATopic_KeepEachListsOrderAndReadRule_ForEachReader()
    {
        var topic = Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(Users["mentor"], EntryKind.Topic,
            new EntryInput(TopicTitle, "About it.", Visibility.Public, null, Topic: new TopicInput([], []), Tags: ["zeta", "alpha"])));
        // README order is the order of creation here, the reverse of the titles' order.
        await CreateAsync(EntryKind.Question, "Zed question", "Why?", Visibility.Public, [topic.EntryId]);
        await CreateAsync(EntryKind.Question, "Team question", "Who?", Visibility.Team, [topic.EntryId]);
        await CreateAsync(EntryKind.Question, "Alpha question", "How?", Visibility.Public, [topic.EntryId]);
        await CreateAsync(EntryKind.Page, "Zulu notes", $"See [[{TopicTitle}]].", Visibility.Public);
        await CreateAsync(EntryKind.Page, "Alpha notes", $"Also [[{TopicTitle}]].", Visibility.Public);
        await CreateAsync(EntryKind.Page, "Team notes", $"And [[{TopicTitle}]].", Visibility.Team);
        var older = await PublishedSummaryAsync(topic.EntryId, "2026-W47");
        var newer = await PublishedSummaryAsync(topic.EntryId, "2026-W48");
        Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(Users["author"], EntryKind.WeeklySummary,
            SummaryInput(SeverinMemberId, topic.EntryId, week: "2026-W46")));

        var anonymous = await SideListsAsync(topic.Slug, null);
        Assert.Equal(["alpha", "zeta"], anonymous.Tags);
        Assert.Equal(["Zed question", "Alpha question"], anonymous.Questions.Select(q => q.Title));
        Assert.Equal(["Alpha notes", "Zulu notes"], anonymous.Backlinks.Select(b => b.Title));
        Assert.Equal([newer, older], anonymous.Summaries.Select(s => s.Slug));
        Assert.Equal(["2026-W48", "2026-W47"], anonymous.Summaries.Select(s => s.Week.ToString()));
        Assert.Equal(EntryUrls.For(EntryKind.Page, "alpha-notes"), anonymous.Backlinks[0].Url);

        var mentor = await SideListsAsync(topic.Slug, Users["mentor"]);
        Assert.Equal(["Zed question", "Team question", "Alpha question"], mentor.Questions.Select(q => q.Title));
        Assert.Equal(["Alpha notes", "Team notes", "Zulu notes"], mentor.Backlinks.Select(b => b.Title));
        // Published summaries only, whoever reads: the topic page is the same page for everyone.
        Assert.Equal([newer, older], mentor.Summaries.Select(s => s.Slug));
    }

    [DatabaseFact]
    public async Task Backlinks_AfterARename_FollowTheOldSlug_AndListAnEntryLinkingByBothOnce()
    {
        await CreateAsync(EntryKind.Page, "Old link", "About [[Goal]].", Visibility.Public);
        using (var db = App.CreateDbContext())
        {
            var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
            Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(Users["mentor"], goal.Id, goal.RevisionNumber, new EntryInput("Our goal", goal.BodyMarkdown, Visibility.Public, null)));
        }
        await CreateAsync(EntryKind.Page, "Both links", "About [[Goal]] and [[Our goal]].", Visibility.Public);

        var linking = (await SideListsAsync("our-goal", null)).Backlinks.Select(b => b.Title).ToList();

        Assert.Equal(1, linking.Count(t => t == "Old link"));
        Assert.Equal(1, linking.Count(t => t == "Both links"));
    }

    [DatabaseFact]
    public async Task SideLists_OfAPage_HaveNoQuestionsOrSummaries()
    {
        var sideLists = await SideListsAsync("goal", null);

        Assert.Empty(sideLists.Questions);
        Assert.Empty(sideLists.Summaries);
    }

    private async Task<SideLists> SideListsAsync(string slug, string? userId) =>
        await App.Get<SideListQueries>().ForAsync(slug, userId is null ? null : await App.Get<WikiUsers>().LoadAsync(userId));

    private async Task CreateAsync(EntryKind kind, string title, string body, Visibility visibility, IReadOnlyList<int>? topicIds = null) =>
        Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(Users["mentor"], kind, new EntryInput(title, body, visibility, null, LinkedTopicIds: topicIds)));

    private async Task<string> PublishedSummaryAsync(int topicId, string week)
    {
        var summary = Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(Users["author"], EntryKind.WeeklySummary, SummaryInput(SeverinMemberId, topicId, week: week)));
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Publish);
        return summary.Slug;
    }
}

[OnPostgres]
public sealed class SideListsOnPostgresTests : SideListsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
