using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Home;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Home;

public sealed class MemberDeskTests : MentorAppTest
{
    [Fact]
    public async Task Desk_ShowsTheMembersOpenActionItemsAndLatestMeeting_AndTheMentorsQueue()
    {
        int memberId;
        using (var db = App.CreateDbContext())
        {
            memberId = await db.Members.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        }
        var ada = await Members.AddAsync(App, "ada@test.local", Roles.Researcher, Members.Aisc, memberId);
        await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Meeting, new EntryInput("Weekly meeting, 26 Nov 2026", "", Visibility.Team, null, "",
            Meeting: new MeetingInput(new DateOnly(2026, 11, 26), [memberId], "", "", [new ActionItemInput("Read the SAE paper", memberId, null, false), new ActionItemInput("Someone else's", null, null, false)])));
        var users = App.Get<WikiUsers>();

        var desk = await App.Get<DeskQueries>().GetAsync((await users.LoadAsync(ada))!);
        var mentorDesk = await App.Get<DeskQueries>().GetAsync((await users.LoadAsync(Mentor))!);

        Assert.Equal(["Read the SAE paper"], desk.MyActionItems.Select(i => i.Text));
        Assert.Equal("Weekly meeting, 26 Nov 2026", desk.LastMeeting?.Title);
        Assert.Empty(desk.MySummaries);
        Assert.Equal(0, mentorDesk.WaitingForReview);
        Assert.Empty(mentorDesk.MyActionItems);
    }

    [Fact]
    public async Task HomePage_ForAnonymousVisitors_HasNoDesk()
    {
        var page = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/"));

        Assert.Null(page.QuerySelector("[data-testid=desk]"));
    }

    [Fact]
    public async Task HomePage_ForAMember_HasTheDesk()
    {
        await Members.AddAsync(App, "ada@test.local", Roles.Researcher, Members.Aisc);
        var client = await Members.SignInAsync(App, "ada@test.local");

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));

        Assert.Contains("Your week", page.QuerySelector("[data-testid=desk]")!.TextContent);
    }
}
