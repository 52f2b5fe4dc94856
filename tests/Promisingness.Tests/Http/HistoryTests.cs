using System.Net;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Editing;
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
