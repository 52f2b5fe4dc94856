using System.Net;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Inbox;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Inbox;

public sealed class InboxTests : MentorAppTest
{
    private async Task<WikiUser> UserAsync(string id) => (await App.Get<WikiUsers>().LoadAsync(id))!;

    [Fact]
    public async Task SavingAWatchedEntry_NotifiesItsWatchers_NotTheOneWhoSaved()
    {
        var alice = await Members.AddAsync(App, "alice@test.local", Roles.Researcher, Members.Aisc);
        var editor = App.Get<EntryEditor>();
        var page = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(alice, EntryKind.Page, new EntryInput("Alice's page", "one", Visibility.Team, Members.Aisc)));

        Assert.IsType<SaveResult.Saved>(await editor.SaveAsync(Mentor, page.EntryId, 1, new EntryInput("Alice's page", "two", Visibility.Team, Members.Aisc)));

        var (items, _) = await App.Get<InboxQueries>().ListAsync(await UserAsync(alice), unreadOnly: false, page: 1);
        var item = Assert.Single(items);
        Assert.Equal(NotificationKind.WatchedChange, item.Kind);
        Assert.Equal($"pages/{page.Slug}", item.Url);
        Assert.Empty((await App.Get<InboxQueries>().ListAsync(await UserAsync(Mentor), false, 1)).Items);
    }

    [Fact]
    public async Task SavingATopic_NotifiesItsListedResearchers_UnlessTheyDeclined()
    {
        int topicId, revision;
        int[] listed;
        using (var db = App.CreateDbContext())
        {
            var topic = await db.Entries.Include(e => e.Researchers)
                .Where(e => e.Kind == EntryKind.Topic && e.Visibility == Visibility.Public && e.Researchers.Count >= 2).FirstAsync();
            (topicId, revision, listed) = (topic.Id, topic.RevisionNumber, [.. topic.Researchers.OrderBy(r => r.Position).Take(2).Select(r => r.MemberId)]);
        }
        // Two researchers of the README's team get accounts; neither has written a revision of the topic.
        var first = await Members.AddAsync(App, "listed-1@test.local", Roles.Researcher, Members.Aisc, listed[0]);
        var second = await Members.AddAsync(App, "listed-2@test.local", Roles.Researcher, Members.Aisc, listed[1]);
        await App.Get<Watchers>().SetAsync(second, topicId, false);
        var topicNow = await EntryAsync(topicId);

        Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().SaveAsync(Mentor, topicId, revision,
            new EntryInput(topicNow.Title, topicNow.BodyMarkdown + "\n\nA mentor's note.", topicNow.Visibility, topicNow.ProgramId)));

        var inbox = App.Get<InboxQueries>();
        Assert.Equal(NotificationKind.WatchedChange, Assert.Single((await inbox.ListAsync(await UserAsync(first), false, 1)).Items).Kind);
        Assert.Empty((await inbox.ListAsync(await UserAsync(second), false, 1)).Items);
    }

    private async Task<Entry> EntryAsync(int id)
    {
        using var db = App.CreateDbContext();
        return await db.Entries.SingleAsync(e => e.Id == id);
    }

    [Fact]
    public async Task Notification_AboutAnEntryMadeUnreadable_LeavesTheInboxAndTheCount()
    {
        var alice = await Members.AddAsync(App, "alice@test.local", Roles.Researcher, Members.Aisc);
        var editor = App.Get<EntryEditor>();
        var page = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(Mentor, EntryKind.Page, new EntryInput("Mentor's page", "one", Visibility.Team, null)));
        await App.Get<Watchers>().SetAsync(alice, page.EntryId, true);
        await App.Get<Discussions>().OpenAsync(Mentor, page.EntryId, "hello", null);
        var inbox = App.Get<InboxQueries>();
        Assert.Equal(1, await inbox.UnreadCountAsync(await UserAsync(alice)));

        await editor.SaveAsync(Mentor, page.EntryId, 1, new EntryInput("Mentor's page", "one", Visibility.Draft, null));

        Assert.Equal(0, await inbox.UnreadCountAsync(await UserAsync(alice)));
        Assert.Empty((await inbox.ListAsync(await UserAsync(alice), false, 1)).Items);
    }

    [Fact]
    public async Task MarkRead_OneOrAll_OnlyTheReadersOwn()
    {
        var alice = await Members.AddAsync(App, "alice@test.local", Roles.Researcher, Members.Aisc);
        var bob = await Members.AddAsync(App, "bob@test.local", Roles.Researcher, Members.Aisc);
        int goal;
        using (var db = App.CreateDbContext())
        {
            goal = await db.Entries.Where(e => e.Slug == "goal").Select(e => e.Id).SingleAsync();
        }
        await App.Get<Watchers>().SetAsync(alice, goal, true);
        await App.Get<Watchers>().SetAsync(bob, goal, true);
        var discussions = App.Get<Discussions>();
        await discussions.OpenAsync(Mentor, goal, "one", null);
        await discussions.OpenAsync(Mentor, goal, "two", null);
        var inbox = App.Get<InboxQueries>();
        var first = (await inbox.ListAsync(await UserAsync(alice), false, 1)).Items[0];
        var bobsFirst = (await inbox.ListAsync(await UserAsync(bob), false, 1)).Items[0];

        await inbox.MarkReadAsync(await UserAsync(alice), bobsFirst.Id);
        Assert.Equal(2, await inbox.UnreadCountAsync(await UserAsync(bob)));
        await inbox.MarkReadAsync(await UserAsync(alice), first.Id);
        Assert.Equal(1, await inbox.UnreadCountAsync(await UserAsync(alice)));
        Assert.Single((await inbox.ListAsync(await UserAsync(alice), unreadOnly: true, 1)).Items);
        await inbox.MarkReadAsync(await UserAsync(alice), null);
        Assert.Equal(0, await inbox.UnreadCountAsync(await UserAsync(alice)));
        Assert.Equal(2, await inbox.UnreadCountAsync(await UserAsync(bob)));
    }

    [Fact]
    public async Task InboxPage_ShowsWhatWasSaid_UnderTheItem_AsEscapedText()
    {
        var alice = await Members.AddAsync(App, "alice@test.local", Roles.Researcher, Members.Aisc);
        var page = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(alice, EntryKind.Page, new EntryInput("Alice's page", "one", Visibility.Team, Members.Aisc)));
        await App.Get<Discussions>().OpenAsync(Mentor, page.EntryId, "Is **this** right? <img src=x onerror=alert(1)>", null);
        var client = await Members.SignInAsync(App, "alice@test.local");

        var html = await client.GetStringAsync("/inbox");

        Assert.Contains("<blockquote class=\"inbox__excerpt\">Is this right? &lt;img src=x onerror=alert(1)&gt;</blockquote>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditedComment_IsQuotedAsItIsNow_AndADeletedOne_NotAtAll()
    {
        var alice = await Members.AddAsync(App, "alice@test.local", Roles.Researcher, Members.Aisc);
        var page = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(alice, EntryKind.Page, new EntryInput("Alice's page", "one", Visibility.Team, Members.Aisc)));
        var discussions = App.Get<Discussions>();
        await discussions.OpenAsync(Mentor, page.EntryId, "First thoughts", null);
        int commentId;
        using (var db = App.CreateDbContext())
        {
            commentId = await db.Comments.Where(c => c.AuthorUserId == Mentor).Select(c => c.Id).SingleAsync();
        }
        async Task<string> ExcerptAsync() => Assert.Single((await App.Get<InboxQueries>().ListAsync(await UserAsync(alice), false, 1)).Items).Excerpt;

        Assert.Null((await discussions.EditAsync(Mentor, commentId, "Second thoughts")).Error);
        Assert.Equal("Second thoughts", await ExcerptAsync());
        Assert.Null((await discussions.DeleteAsync(Mentor, commentId)).Error);
        Assert.Equal("", await ExcerptAsync());
    }

    [Fact]
    public async Task InboxPage_AsksAnonymousVisitorsToSignIn()
    {
        using var response = await Members.Client(App).GetAsync("/inbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }
}
