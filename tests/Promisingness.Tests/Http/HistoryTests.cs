using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

public sealed class HistoryTests : IDisposable
{
    private readonly WikiApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task History_OfAPublicEntry_IsPublicButShowsOnlyItsPublicRevisions()
    {
        var mentor = await Members.AddAsync(app, "history-mentor@test.local", Roles.Mentor);
        int id;
        using (var db = app.CreateDbContext())
        {
            id = (await db.Entries.SingleAsync(e => e.Slug == "goal")).Id;
        }
        var editor = app.Get<EntryEditor>();
        await editor.SaveAsync(mentor, id, 1, new EntryInput("Goal", "A team-only draft of the goal.", Visibility.Team, null, "Hidden for now"));
        await editor.SaveAsync(mentor, id, 2, new EntryInput("Goal", "The published goal.", Visibility.Public, null, "Published again"));

        var html = await app.CreateClient().GetStringAsync("/entries/goal/history");

        Assert.Contains("Revision 1", html);
        Assert.Contains("Revision 3", html);
        Assert.DoesNotContain("Hidden for now", html);
        using var diff = await app.CreateClient().GetAsync("/entries/goal/diff?from=1&to=2");
        Assert.Equal(HttpStatusCode.NotFound, diff.StatusCode);
        using var publicDiff = await app.CreateClient().GetAsync("/entries/goal/diff?from=1&to=3");
        Assert.Equal(HttpStatusCode.OK, publicDiff.StatusCode);
        Assert.Contains("published", await publicDiff.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task History_OfAnEntryThatWasTeamThenPublic_LinksAVisitorOnlyToDiffsThatAnswer()
    {
        await MakeGoalTeamThenPublicAsync();
        var visitor = app.CreateClient();
        var member = await Members.SignInAsync(app, "history-reader@test.local");

        var page = new HtmlParser().ParseDocument(await visitor.GetStringAsync("/entries/goal/history"));
        var memberPage = new HtmlParser().ParseDocument(await member.GetStringAsync("/entries/goal/history"));

        var links = DiffLinks(page);
        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            using var diff = await visitor.GetAsync("/" + link);
            Assert.Equal(HttpStatusCode.OK, diff.StatusCode);
        }
        Assert.DoesNotContain("Changes from revision 2", page.Body!.TextContent);
        Assert.Equal("Earlier revisions are visible to the team.", Assert.Single(page.QuerySelectorAll("[data-testid=history-hidden]")).TextContent);
        Assert.Contains("Changes from revision 2", memberPage.Body!.TextContent);
        Assert.Empty(memberPage.QuerySelectorAll("[data-testid=history-hidden]"));
    }

    [Fact]
    public async Task FeedAndRecentChanges_OfAnEntryThatWasTeamThenPublic_LinkAVisitorOnlyToPagesThatAnswer()
    {
        await MakeGoalTeamThenPublicAsync();
        var visitor = app.CreateClient();

        var feed = XDocument.Parse(await visitor.GetStringAsync("/feed.atom"));
        var recent = new HtmlParser().ParseDocument(await visitor.GetStringAsync("/recent"));

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feedLinks = feed.Root!.Elements(atom + "entry").Select(e => new Uri(e.Element(atom + "link")!.Attribute("href")!.Value).PathAndQuery).ToList();
        Assert.Contains("/pages/goal", feedLinks);
        foreach (var link in feedLinks.Concat(DiffLinks(recent).Select(l => "/" + l)).Distinct())
        {
            using var response = await visitor.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} answered {(int)response.StatusCode}");
        }
    }

    private async Task MakeGoalTeamThenPublicAsync()
    {
        var mentor = await Members.AddAsync(app, "history-mentor@test.local", Roles.Mentor);
        await Members.AddAsync(app, "history-reader@test.local", Roles.Researcher, Members.Aisc);
        int id;
        using (var db = app.CreateDbContext())
        {
            id = (await db.Entries.SingleAsync(e => e.Slug == "goal")).Id;
        }
        var editor = app.Get<EntryEditor>();
        Assert.IsType<SaveResult.Saved>(await editor.SaveAsync(mentor, id, 1, new EntryInput("Goal", "A team-only draft of the goal.", Visibility.Team, null, "Hidden for now")));
        Assert.IsType<SaveResult.Saved>(await editor.SaveAsync(mentor, id, 2, new EntryInput("Goal", "The published goal.", Visibility.Public, null, "Published again")));
    }

    private static List<string> DiffLinks(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("main a[href*='/diff?']").Select(a => a.GetAttribute("href")!)];

    [Fact]
    public async Task History_AtARenamedEntrysOldSlug_RedirectsToTheNewOne()
    {
        var mentor = await Members.AddAsync(app, "rename-mentor@test.local", Roles.Mentor);
        using (var db = app.CreateDbContext())
        {
            var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
            await app.Get<EntryEditor>().SaveAsync(mentor, goal.Id, 1, new EntryInput("Our goal", goal.BodyMarkdown, Visibility.Public, null, "Renamed"));
        }

        using var response = await Members.Client(app).GetAsync("/entries/goal/history");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.EndsWith("/entries/our-goal/history", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task History_OfATeamEntry_Answers404ToAnonymousVisitors()
    {
        using (var db = app.CreateDbContext())
        {
            await db.Entries.Where(e => e.Slug == "goal").ExecuteUpdateAsync(s => s.SetProperty(e => e.Visibility, Visibility.Team));
        }

        using var response = await app.CreateClient().GetAsync("/entries/goal/history");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Edit_AnonymousVisitor_IsSentToSignIn()
    {
        using var response = await Members.Client(app).GetAsync("/entries/goal/edit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }
}
