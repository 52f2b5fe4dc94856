using System.Net;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Discussion;

public class DiscussionTests : MentorAppTest
{
    private Discussions Discussions => App.Get<Discussions>();

    private async Task<int> EntryIdAsync(string slug)
    {
        using var db = App.CreateDbContext();
        return await db.Entries.Where(e => e.Slug == slug).Select(e => e.Id).SingleAsync();
    }

    private async Task<(string UserId, string Slug)> ResearcherWithMemberAsync(string email, int program, int memberIndex)
    {
        using var db = App.CreateDbContext();
        var member = await db.Members.OrderBy(m => m.Id).Skip(memberIndex).FirstAsync();
        return (await Members.AddAsync(App, email, Roles.Researcher, program, member.Id), member.Slug);
    }

    private async Task<IReadOnlyList<Notification>> InboxOfAsync(string userId)
    {
        using var db = App.CreateDbContext();
        return await db.Notifications.Where(n => n.RecipientUserId == userId).OrderBy(n => n.Id).ToListAsync();
    }

    [DatabaseFact]
    public async Task Open_OnAPassage_KeepsTheQuoteWithItsContextAndRevision_AndRendersSafely()
    {
        var goal = await EntryIdAsync("goal");

        var outcome = await Discussions.OpenAsync(Mentor, goal, "Is **this** right? <script>alert(1)</script>", new Anchor("automate", new string('a', 300), "b"));

        Assert.Null(outcome.Error);
        var thread = Assert.Single(await Discussions.ThreadsAsync(goal, await App.Get<WikiUsers>().LoadAsync(Mentor)));
        Assert.Equal("automate", thread.Quote);
        Assert.Equal(100, thread.QuotePrefix!.Length);
        Assert.Equal(1, thread.RevisionNumber);
        Assert.Contains("<strong>this</strong>", thread.Comments[0].Html);
        Assert.DoesNotContain("<script", thread.Comments[0].Html);
    }

    [DatabaseFact]
    public async Task Thread_WhoseQuoteLeftTheEntry_IsOutdated()
    {
        var goal = await EntryIdAsync("goal");
        string body;
        using (var db = App.CreateDbContext())
        {
            body = (await db.Entries.SingleAsync(e => e.Id == goal)).BodyMarkdown;
        }
        var words = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var quote = string.Join(' ', words.Take(4));
        await Discussions.OpenAsync(Mentor, goal, "about the start", new Anchor(quote, "", ""));
        await Discussions.OpenAsync(Mentor, goal, "about the whole", null);
        var mentor = await App.Get<WikiUsers>().LoadAsync(Mentor);
        Assert.All(await Discussions.ThreadsAsync(goal, mentor), t => Assert.False(t.Outdated));

        var saved = await App.Get<EntryEditor>().SaveAsync(Mentor, goal, 1, new EntryInput("Goal", "Entirely new words.", Visibility.Public, null));
        Assert.IsType<SaveResult.Saved>(saved);

        var threads = await Discussions.ThreadsAsync(goal, mentor);
        Assert.True(threads.Single(t => t.Quote is not null).Outdated);
        Assert.False(threads.Single(t => t.Quote is null).Outdated);
    }

    [DatabaseFact]
    public async Task Mention_NotifiesTheMentionedMember_WhoMayReadTheEntry_AndNoOneElse()
    {
        var (alice, aliceSlug) = await ResearcherWithMemberAsync("alice@test.local", Members.Aisc, 0);
        var (bob, bobSlug) = await ResearcherWithMemberAsync("bob@test.local", Members.Mars, 1);
        var draft = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(alice, EntryKind.Page, new EntryInput("Alice's draft", "text", Visibility.Draft, Members.Aisc)));

        await Discussions.OpenAsync(alice, draft.EntryId, $"@{bobSlug} and @{aliceSlug}, thoughts?", null);
        var goal = await EntryIdAsync("goal");
        await Discussions.OpenAsync(alice, goal, $"@{bobSlug} look", null);

        var bobs = await InboxOfAsync(bob);
        var mention = Assert.Single(bobs);
        Assert.Equal(NotificationKind.Mention, mention.Kind);
        Assert.Equal(goal, mention.EntryId);
        Assert.Empty(await InboxOfAsync(alice));
    }

    [DatabaseFact]
    public async Task Reply_NotifiesThreadParticipantsAndWatchers_OncePerPerson()
    {
        var (alice, _) = await ResearcherWithMemberAsync("alice@test.local", Members.Aisc, 0);
        var (bob, bobSlug) = await ResearcherWithMemberAsync("bob@test.local", Members.Mars, 1);
        var carol = await Members.AddAsync(App, "carol@test.local", Roles.Researcher, Members.Mars);
        var goal = await EntryIdAsync("goal");
        await App.Get<Promisingness.Web.Features.Notifications.Watchers>().SetAsync(carol, goal, true);
        var opened = await Discussions.OpenAsync(alice, goal, "First", null);
        var first = (await Discussions.ThreadsAsync(goal, await App.Get<WikiUsers>().LoadAsync(alice)))[0].Comments[0].Id;

        await Discussions.ReplyAsync(bob, opened.Id!.Value, first, $"Answer, and a note to myself @{bobSlug}");

        Assert.Equal([NotificationKind.Comment], (await InboxOfAsync(carol)).Select(n => n.Kind).Distinct());
        Assert.Equal(2, (await InboxOfAsync(carol)).Count);
        Assert.Equal(NotificationKind.Reply, Assert.Single(await InboxOfAsync(alice)).Kind);
        Assert.Empty(await InboxOfAsync(bob));
    }

    [DatabaseFact]
    public async Task Unwatching_StopsNotificationsEvenForAnAuthor()
    {
        var (alice, _) = await ResearcherWithMemberAsync("alice@test.local", Members.Aisc, 0);
        var page = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(alice, EntryKind.Page, new EntryInput("Alice's page", "text", Visibility.Team, Members.Aisc)));
        var watchers = App.Get<Promisingness.Web.Features.Notifications.Watchers>();
        Assert.True(await watchers.IsWatchingAsync(alice, page.EntryId));

        await Discussions.OpenAsync(Mentor, page.EntryId, "one", null);
        await watchers.SetAsync(alice, page.EntryId, false);
        await Discussions.OpenAsync(Mentor, page.EntryId, "two", null);

        Assert.Single(await InboxOfAsync(alice));
    }

    [DatabaseFact]
    public async Task EditAndDelete_OnlyOwnComments_DeletedKeepsItsPlaceAndReplies()
    {
        var (alice, _) = await ResearcherWithMemberAsync("alice@test.local", Members.Aisc, 0);
        var goal = await EntryIdAsync("goal");
        var opened = await Discussions.OpenAsync(Mentor, goal, "Mentor's point", null);
        var mentor = await App.Get<WikiUsers>().LoadAsync(Mentor);
        var first = (await Discussions.ThreadsAsync(goal, mentor))[0].Comments[0].Id;
        await Discussions.ReplyAsync(alice, opened.Id!.Value, first, "Alice's reply");

        Assert.Equal("You can change or delete only your own comments.", (await Discussions.EditAsync(alice, first, "hijacked")).Error);
        Assert.Equal("You can change or delete only your own comments.", (await Discussions.DeleteAsync(alice, first)).Error);
        Assert.Null((await Discussions.EditAsync(Mentor, first, "Mentor's *better* point")).Error);
        Assert.Null((await Discussions.DeleteAsync(Mentor, first)).Error);
        Assert.Equal("This comment was deleted.", (await Discussions.EditAsync(Mentor, first, "again")).Error);

        var comments = (await Discussions.ThreadsAsync(goal, mentor))[0].Comments;
        Assert.True(comments[0].Deleted);
        Assert.Equal("", comments[0].Html);
        Assert.Equal("Alice's reply", comments[1].Markdown);
        using var db = App.CreateDbContext();
        Assert.Equal("", (await db.Comments.SingleAsync(c => c.Id == first)).BodyMarkdown);
    }

    [DatabaseFact]
    public async Task Resolve_ByOpenerAuthorsAndMentor_NotByOtherMembers()
    {
        var (alice, _) = await ResearcherWithMemberAsync("alice@test.local", Members.Aisc, 0);
        var bob = await Members.AddAsync(App, "bob@test.local", Roles.Researcher, Members.Mars);
        var page = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(alice, EntryKind.Page, new EntryInput("Alice's page", "text", Visibility.Team, Members.Aisc)));
        var byBob = (await Discussions.OpenAsync(bob, page.EntryId, "Bob asks", null)).Id!.Value;
        var byMentor = (await Discussions.OpenAsync(Mentor, page.EntryId, "Mentor asks", null)).Id!.Value;
        var carol = await Members.AddAsync(App, "carol@test.local", Roles.Researcher, Members.Mars);

        Assert.NotNull((await Discussions.SetResolvedAsync(carol, byBob, true)).Error);
        Assert.NotNull((await Discussions.SetResolvedAsync(bob, byMentor, true)).Error);
        Assert.Null((await Discussions.SetResolvedAsync(bob, byBob, true)).Error);
        Assert.Null((await Discussions.SetResolvedAsync(alice, byMentor, true)).Error);
        Assert.Null((await Discussions.SetResolvedAsync(Mentor, byBob, false)).Error);

        var threads = await Discussions.ThreadsAsync(page.EntryId, await App.Get<WikiUsers>().LoadAsync(carol));
        Assert.Null(threads.Single(t => t.Id == byBob).ResolvedAt);
        Assert.Equal("alice", threads.Single(t => t.Id == byMentor).ResolvedByName);
        Assert.All(threads, t => Assert.False(t.MayResolve));
    }

    [DatabaseFact]
    public async Task Anonymous_AndMembersWhoMayNotReadTheEntry_NeitherSeeNorWrite()
    {
        var (alice, _) = await ResearcherWithMemberAsync("alice@test.local", Members.Aisc, 0);
        var bob = await Members.AddAsync(App, "bob@test.local", Roles.Researcher, Members.Mars);
        var draft = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(alice, EntryKind.Page, new EntryInput("Alice's draft", "text", Visibility.Draft, Members.Aisc)));
        await Discussions.OpenAsync(alice, draft.EntryId, "private thought", null);
        var goal = await EntryIdAsync("goal");
        await Discussions.OpenAsync(alice, goal, "A team-only remark about the goal", null);

        Assert.Empty(await Discussions.ThreadsAsync(goal, reader: null));
        Assert.Empty(await Discussions.ThreadsAsync(draft.EntryId, await App.Get<WikiUsers>().LoadAsync(bob)));
        Assert.NotNull((await Discussions.OpenAsync(bob, draft.EntryId, "let me in", null)).Error);
        Assert.NotNull((await Discussions.OpenAsync("nobody", goal, "anonymous", null)).Error);
        using var page = await App.CreateClient().GetAsync("/pages/goal");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("team-only remark", await page.Content.ReadAsStringAsync());
    }

    [DatabaseTheory]
    [InlineData("")]
    [InlineData("   \n ")]
    public async Task Open_EmptyOrTooLong_IsRefusedAndNothingIsSaved(string text)
    {
        var goal = await EntryIdAsync("goal");

        Assert.Equal("Write something first.", (await Discussions.OpenAsync(Mentor, goal, text, null)).Error);
        Assert.StartsWith("A comment can have at most", (await Discussions.OpenAsync(Mentor, goal, new string('x', Comment.BodyMaxLength + 1), null)).Error);
        Assert.StartsWith("Select at most", (await Discussions.OpenAsync(Mentor, goal, "ok", new Anchor(new string('q', 1001), "", ""))).Error);

        using var db = App.CreateDbContext();
        Assert.False(await db.CommentThreads.AnyAsync());
    }
}

[OnPostgres]
public sealed class DiscussionOnPostgresTests : DiscussionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
