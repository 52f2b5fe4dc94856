using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Credences;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Credences;

public class CredenceTests : MentorAppTest
{
    private const string QuestionSlug = "how-safe-can-human-level-automated-alignment-researchers-be-made";

    /// <summary>The mentor's display name, which MentorAppTest takes from the class (this one or its PostgreSQL twin).</summary>
    private string MentorName => $"mentor-{GetType().Name}".ToLowerInvariant();

    private async Task<int> QuestionIdAsync()
    {
        using var db = App.CreateDbContext();
        return await db.Entries.Where(e => e.Slug == QuestionSlug).Select(e => e.Id).SingleAsync();
    }

    [Fact]
    public async Task Record_KeepsHistory_MedianUsesEachMembersLatest()
    {
        var alice = await Members.AddAsync(App, "alice@test.local", Roles.Researcher, Members.Aisc);
        var book = App.Get<CredenceBook>();
        var question = await QuestionIdAsync();

        Assert.Null(await book.RecordAsync(alice, question, 10, "first guess"));
        Assert.Null(await book.RecordAsync(alice, question, 30, "after reading"));
        Assert.Null(await book.RecordAsync(Mentor, question, 0.1, ""));

        var summary = await book.SummaryAsync(question, await App.Get<WikiUsers>().LoadAsync(alice));
        Assert.Equal(3, summary.History.Count);
        Assert.Equal(2, summary.People);
        Assert.Equal((0.001 + 0.3) / 2, summary.Median!.Value, 10);
        Assert.Equal(["alice", MentorName], summary.Latest.Select(l => l.MemberName).Order());
        Assert.Equal("after reading", summary.Latest.Single(l => l.MemberName == "alice").Rationale);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public async Task Record_OutOfRange_IsRefusedAndNothingIsStored(double percent)
    {
        Assert.Equal("Give a probability between 0 and 100 %.", await App.Get<CredenceBook>().RecordAsync(Mentor, await QuestionIdAsync(), percent, ""));
        using var db = App.CreateDbContext();
        Assert.False(await db.Credences.AnyAsync());
    }

    [Fact]
    public async Task Withdraw_KeepsTheRowsButTakesThemOutOfTheMedianAndTheChart_AndSaysSoInRecentActivity()
    {
        var alice = await Members.AddAsync(App, "alice@test.local", Roles.Researcher, Members.Aisc);
        var book = App.Get<CredenceBook>();
        var question = await QuestionIdAsync();
        Assert.Null(await book.RecordAsync(alice, question, 10, ""));
        Assert.Null(await book.RecordAsync(alice, question, 90, ""));
        Assert.Null(await book.RecordAsync(Mentor, question, 20, ""));
        var aliceUser = await App.Get<WikiUsers>().LoadAsync(alice);
        Assert.True((await book.SummaryAsync(question, aliceUser)).Latest.Single(l => l.MemberName == "alice").Mine);

        Assert.Null(await book.WithdrawAsync(alice, question));

        var summary = await book.SummaryAsync(question, aliceUser);
        Assert.Equal(0.2, summary.Median!.Value, 10);
        Assert.Equal(1, summary.People);
        Assert.Equal([0.2], summary.History.Select(p => p.Probability));
        Assert.Equal([MentorName], summary.Latest.Select(l => l.MemberName));
        Assert.False(summary.Latest.Single().Mine);
        using (var db = App.CreateDbContext())
        {
            Assert.Equal(2, await db.Credences.CountAsync(c => c.UserId == alice && c.WithdrawnAt != null));
            Assert.Equal(1, await db.Credences.CountAsync(c => c.WithdrawnAt == null));
        }
        Assert.Contains("had an estimate withdrawn", await App.CreateClient().GetStringAsync("/"));

        // A later estimate stands again, alone: the withdrawn ones stay withdrawn.
        Assert.Null(await book.RecordAsync(alice, question, 50, ""));
        Assert.Equal([0.2, 0.5], (await book.SummaryAsync(question, aliceUser)).History.Select(p => p.Probability).Order());
    }

    [Fact]
    public async Task Withdraw_WithoutAnEstimate_OrByAnonymous_ChangesNothing()
    {
        var book = App.Get<CredenceBook>();
        var question = await QuestionIdAsync();
        var bob = await Members.AddAsync(App, "bob@test.local", Roles.Researcher, Members.Mars);
        Assert.Null(await book.RecordAsync(Mentor, question, 20, ""));

        Assert.Equal("You have no estimate on this question to withdraw.", await book.WithdrawAsync(bob, question));
        Assert.Equal("Sign in to withdraw your estimate.", await book.WithdrawAsync("nobody", question));

        using var db = App.CreateDbContext();
        Assert.False(await db.Credences.AnyAsync(c => c.WithdrawnAt != null));
    }

    [Fact]
    public async Task Record_OnATopic_ByAnonymous_OrOnAnUnreadableDraft_IsRefused()
    {
        var book = App.Get<CredenceBook>();
        int topic;
        using (var db = App.CreateDbContext())
        {
            topic = await db.Entries.Where(e => e.Kind == EntryKind.Topic).Select(e => e.Id).FirstAsync();
        }
        var draft = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Question, new EntryInput("Mentor's private question", "?", Visibility.Draft, null)));
        var bob = await Members.AddAsync(App, "bob@test.local", Roles.Researcher, Members.Mars);

        Assert.Equal("Estimates are recorded on questions only.", await book.RecordAsync(Mentor, topic, 5, ""));
        Assert.NotNull(await book.RecordAsync("nobody", await QuestionIdAsync(), 5, ""));
        Assert.NotNull(await book.RecordAsync(bob, draft.EntryId, 5, ""));
        Assert.StartsWith("Keep the rationale under", await book.RecordAsync(Mentor, await QuestionIdAsync(), 5, new string('x', 1001)));
    }

    [Fact]
    public async Task PublicQuestionPage_ShowsTheChartAndMedianToAnonymousVisitors_WithoutNames_AndIsFreshAfterARecord()
    {
        var client = App.CreateClient();
        var before = new HtmlParser().ParseDocument(await client.GetStringAsync($"/questions/{QuestionSlug}"));
        Assert.Contains("No estimates yet.", before.QuerySelector("[data-testid=credences]")!.TextContent);

        await App.Get<CredenceBook>().RecordAsync(Mentor, await QuestionIdAsync(), 2.5, "a secret rationale");

        var html = await client.GetStringAsync($"/questions/{QuestionSlug}");
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal("2.5 %", page.QuerySelector("[data-testid=credence-median]")!.TextContent);
        Assert.NotNull(page.QuerySelector(".credence-chart svg circle"));
        Assert.DoesNotContain(MentorName, html);
        Assert.DoesNotContain("a secret rationale", html);
        Assert.Null(page.QuerySelector(".credence-chart__legend"));
    }

    [Fact]
    public async Task QuestionPage_ForAMember_HasALegend_WithEachPersonsNameAndLatestEstimate()
    {
        var question = await QuestionIdAsync();
        await App.Get<CredenceBook>().RecordAsync(Mentor, question, 10, "");
        await App.Get<CredenceBook>().RecordAsync(Mentor, question, 2.5, "");
        var client = await Members.SignInAsync(App, $"mentor-{GetType().Name}@test.local".ToLowerInvariant());

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync($"/questions/{QuestionSlug}"));

        var legend = page.QuerySelectorAll(".credence-chart figcaption .credence-chart__legend li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal([$"{MentorName}: 2.5 %"], legend);
    }
}

[OnPostgres]
public sealed class CredenceOnPostgresTests : CredenceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
