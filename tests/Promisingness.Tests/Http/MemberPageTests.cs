using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

/// <summary>A member's page lists the topics they are credited on, each only for readers who may read it.</summary>
public sealed class MemberPageTests : MentorAppTest
{
    [Fact]
    public async Task MemberPage_ListsTheirTopics_ATeamTopicOnlyForMembers()
    {
        int severin;
        using (var db = App.CreateDbContext())
        {
            severin = (await db.Members.SingleAsync(m => m.Slug == "severin-field")).Id;
        }
        Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Topic,
            new EntryInput("Internal pilot", "Not public yet.", Visibility.Team, null, Topic: new TopicInput([severin], []))));
        await Members.AddAsync(App, "member-page@test.local", Roles.Researcher, Members.Mars);

        var anonymous = await TopicTitlesAsync(Members.Client(App));
        var member = await TopicTitlesAsync(await Members.SignInAsync(App, "member-page@test.local"));

        Assert.Equal(["Theoretical Chain of Thought", "Weak to Strong Generalization"], anonymous.Order());
        Assert.Equal(["Internal pilot", "Theoretical Chain of Thought", "Weak to Strong Generalization"], member.Order());
    }

    private static async Task<IEnumerable<string>> TopicTitlesAsync(HttpClient client)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/team/severin-field"));
        return page.QuerySelectorAll("main a[href^='topics/']").Select(a => a.TextContent.Trim()).Distinct();
    }
}
