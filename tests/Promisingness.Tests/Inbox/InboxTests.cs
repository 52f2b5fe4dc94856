using System.Net;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Editing;
using Promisingness.Web.Features.Inbox;
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
    public async Task InboxPage_AsksAnonymousVisitorsToSignIn()
    {
        using var response = await Members.Client(App).GetAsync("/inbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }
}
