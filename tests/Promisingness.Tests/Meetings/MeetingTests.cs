using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Meetings;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Meetings;

public sealed class MeetingTests : MentorAppTest
{
    private static readonly DateOnly Thursday = new(2026, 11, 26);

    private async Task<(int Alice, int Bob)> TwoMembersAsync()
    {
        using var db = App.CreateDbContext();
        var members = await db.Members.OrderBy(m => m.Id).Take(2).Select(m => m.Id).ToListAsync();
        return (members[0], members[1]);
    }

    private async Task<SaveResult.Saved> CreateMeetingAsync(MeetingInput meeting, Visibility visibility = Visibility.Team, string title = "Weekly meeting, 26 Nov 2026")
    {
        var result = await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Meeting, new EntryInput(title, "We talked about **SAEs**.", visibility, null, "", Meeting: meeting));
        return Assert.IsType<SaveResult.Saved>(result);
    }

    [Fact]
    public async Task Create_MeetingWithAttendeesAndActionItems_KeepsEveryFieldAndRecordsThemInTheRevision()
    {
        var (alice, bob) = await TwoMembersAsync();
        var saved = await CreateMeetingAsync(new MeetingInput(Thursday, [alice, bob], "1. Review [[Goal]]", "Publish the *SAE* post.",
            [new ActionItemInput("Draft the post", alice, Thursday.AddDays(7), false), new ActionItemInput("Book a room", null, null, true)]));

        using var db = App.CreateDbContext();
        var entry = (await EntryGraph.WithFieldsAsync(db, saved.EntryId))!;
        Assert.Equal(Thursday, entry.Meeting!.Date);
        Assert.Equal([alice, bob], entry.Attendees.Select(a => a.MemberId).Order());
        Assert.Contains("href=\"pages/goal\"", entry.Meeting.AgendaHtml);
        Assert.Contains("<em>SAE</em>", entry.Meeting.DecisionsHtml);
        Assert.Equal(["Draft the post", "Book a room"], entry.ActionItems.OrderBy(a => a.Position).Select(a => a.Text));
        Assert.NotNull(entry.ActionItems.Single(a => a.Done).DoneAt);
        var fields = EntryFields.FromJson((await db.Revisions.SingleAsync(r => r.EntryId == entry.Id)).FieldsJson);
        Assert.Equal(2, fields.Meeting!.ActionItems.Count);
        Assert.Equal(Thursday, fields.Meeting.Date);
        Assert.Equal(1, await db.EntryLinks.CountAsync(l => l.FromEntryId == entry.Id && l.ToSlug == "goal"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_ActionItemWithoutText_IsRefusedBesideTheFieldAndNothingIsSaved(string text)
    {
        var result = await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Meeting,
            new EntryInput("Weekly meeting", "", Visibility.Team, null, "", Meeting: new MeetingInput(Thursday, [], "", "", [new ActionItemInput("ok", null, null, false), new ActionItemInput(text, null, null, false)])));

        var invalid = Assert.IsType<SaveResult.Invalid>(result);
        Assert.Equal("Say what is to be done, or remove this action item.", invalid.Errors["ActionItems[1].Text"]);
        using var db = App.CreateDbContext();
        Assert.False(await db.Entries.AnyAsync(e => e.Kind == EntryKind.Meeting));
    }

    [Fact]
    public async Task Create_MeetingWithoutADate_IsRefused()
    {
        var result = await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Meeting,
            new EntryInput("Weekly meeting", "", Visibility.Team, null, "", Meeting: new MeetingInput(DateOnly.MinValue, [], "", "", [])));

        Assert.Equal("Give the date of the meeting.", Assert.IsType<SaveResult.Invalid>(result).Errors["Date"]);
    }

    [Theory]
    [InlineData(1999, 12, 31)]
    [InlineData(2200, 1, 1)]
    [InlineData(9999, 12, 31)]
    public async Task Create_MeetingOrDueDateOutOfRange_IsRefusedBesideTheField_AndNothingIsSaved(int year, int month, int day)
    {
        var far = new DateOnly(year, month, day);
        var editor = App.Get<EntryEditor>();

        var badMeeting = await editor.CreateAsync(Mentor, EntryKind.Meeting, new EntryInput("Weekly meeting", "", Visibility.Team, null, "", Meeting: new MeetingInput(far, [], "", "", [])));
        var badDue = await editor.CreateAsync(Mentor, EntryKind.Meeting,
            new EntryInput("Weekly meeting", "", Visibility.Team, null, "", Meeting: new MeetingInput(Thursday, [], "", "", [new ActionItemInput("ok", null, Thursday, false), new ActionItemInput("Later", null, far, false)])));

        Assert.Equal("Give a date between 2000-01-01 and 2199-12-31.", Assert.IsType<SaveResult.Invalid>(badMeeting).Errors["Date"]);
        Assert.Equal("Give a due date between 2000-01-01 and 2199-12-31, or none.", Assert.IsType<SaveResult.Invalid>(badDue).Errors["ActionItems[1].DueDate"]);
        using var db = App.CreateDbContext();
        Assert.False(await db.Entries.AnyAsync(e => e.Kind == EntryKind.Meeting));
    }

    [Fact]
    public void MeetingForm_ADateTheBrowserSentThatIsNoDate_IsRefusedBesideItsField_NotDropped()
    {
        var form = new MeetingFieldsEditor.MeetingForm
        {
            Date = "20226-11-26",
            Items = [new() { Text = "ok", Due = "2026-12-03" }, new() { Text = "later", Due = "2026-13-40" }, new() { Text = "none", Due = "" }],
        };

        Assert.Equal(new Dictionary<string, string>
        {
            ["Date"] = "Give a date between 2000-01-01 and 2199-12-31.",
            ["ActionItems[1].DueDate"] = "Give a due date between 2000-01-01 and 2199-12-31, or none.",
        }, form.Problems());
        Assert.Empty(new MeetingFieldsEditor.MeetingForm { Date = "2026-11-26", Items = [new() { Text = "ok", Due = "2026-12-03" }] }.Problems());
    }

    [Fact]
    public async Task NewMeeting_AgendaRollsOverOpenActionItemsAndUnresolvedThreads()
    {
        var (alice, _) = await TwoMembersAsync();
        var last = await CreateMeetingAsync(new MeetingInput(Thursday.AddDays(-7), [alice], "", "",
            [new ActionItemInput("Read the *W2S* paper", alice, Thursday, false), new ActionItemInput("Already done", alice, null, true)]), title: "Weekly meeting, 19 Nov 2026");
        using (var db = App.CreateDbContext())
        {
            var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
            var thread = new CommentThread { EntryId = goal.Id, RevisionNumber = 1, OpenedByUserId = Mentor, OpenedByName = "Mentor", Quote = "automate alignment", CreatedAt = DateTimeOffset.UtcNow };
            thread.Comments.Add(new Comment { AuthorUserId = Mentor, AuthorName = "Mentor", BodyMarkdown = "Is this the right framing?", CreatedAt = DateTimeOffset.UtcNow });
            db.CommentThreads.Add(thread);
            db.CommentThreads.Add(new CommentThread { EntryId = goal.Id, RevisionNumber = 1, OpenedByUserId = Mentor, OpenedByName = "Mentor", CreatedAt = DateTimeOffset.UtcNow, ResolvedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var blank = await App.Get<EntryEditor>().BlankAsync(Mentor, EntryKind.Meeting);

        var agenda = blank.Meeting!.Agenda;
        Assert.Contains("Read the \\*W2S\\* paper", agenda);
        Assert.Contains($"[[{last.Slug}|Weekly meeting, 19 Nov 2026]]", agenda);
        Assert.DoesNotContain("Already done", agenda);
        Assert.Contains("[[goal|Goal]] on “automate alignment”: Is this the right framing?", agenda);
        Assert.Single(agenda.Split('\n'), l => l.Contains("[[goal"));
        Assert.StartsWith("Weekly meeting, ", blank.Title);
    }

    [Fact]
    public async Task NewMeeting_AgendaOfAResearcher_LeavesOutWhatTheyMayNotRead()
    {
        var researcher = await Members.AddAsync(App, "r@test.local", Roles.Researcher, Members.Mars);
        var (alice, _) = await TwoMembersAsync();
        var hidden = await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Meeting,
            new EntryInput("Mentor's private meeting", "", Visibility.Draft, null, "", Meeting: new MeetingInput(Thursday, [], "", "", [new ActionItemInput("Secret item", alice, null, false)])));
        Assert.IsType<SaveResult.Saved>(hidden);

        var blank = await App.Get<EntryEditor>().BlankAsync(researcher, EntryKind.Meeting);

        Assert.DoesNotContain("Secret item", blank.Meeting!.Agenda);
        Assert.Contains("None: every action item is done.", blank.Meeting.Agenda);
    }

    [Fact]
    public async Task SetDone_ByTheOwner_AppendsARevisionAndLeavesTheListOfOpenItems()
    {
        var (alice, _) = await TwoMembersAsync();
        var owner = await Members.AddAsync(App, "owner@test.local", Roles.Researcher, Members.Mars, alice);
        var saved = await CreateMeetingAsync(new MeetingInput(Thursday, [], "", "", [new ActionItemInput("Write it up", alice, null, false)]));
        int itemId;
        using (var db = App.CreateDbContext())
        {
            itemId = (await db.ActionItems.SingleAsync()).Id;
        }
        var queries = App.Get<MeetingQueries>();
        var me = await App.Get<WikiUsers>().LoadAsync(owner);
        Assert.Single(await queries.OpenItemsAsync(me, alice));

        Assert.Null(await App.Get<ActionItemUpdates>().SetDoneAsync(owner, itemId, done: true));

        Assert.Empty(await queries.OpenItemsAsync(me, alice));
        using var check = App.CreateDbContext();
        var revision = await check.Revisions.SingleAsync(r => r.EntryId == saved.EntryId && r.Number == 2);
        Assert.Equal("Done: Write it up", revision.EditNote);
        Assert.True(EntryFields.FromJson(revision.FieldsJson).Meeting!.ActionItems[0].Done);
    }

    [Fact]
    public async Task SetDone_ByAnonymousOrAStrangerToADraft_IsRefusedAndChangesNothing()
    {
        var (alice, _) = await TwoMembersAsync();
        var stranger = await Members.AddAsync(App, "stranger@test.local", Roles.Researcher, Members.Mars);
        await CreateMeetingAsync(new MeetingInput(Thursday, [], "", "", [new ActionItemInput("Write it up", alice, null, false)]), Visibility.Draft);
        using var db = App.CreateDbContext();
        var item = await db.ActionItems.SingleAsync();

        Assert.NotNull(await App.Get<ActionItemUpdates>().SetDoneAsync(stranger, item.Id, done: true));
        Assert.NotNull(await App.Get<ActionItemUpdates>().SetDoneAsync("no-such-user", item.Id, done: true));

        using var check = App.CreateDbContext();
        Assert.False((await check.ActionItems.SingleAsync()).Done);
        Assert.Equal(1, await check.Revisions.CountAsync(r => r.EntryId == item.EntryId));
    }

    [Fact]
    public async Task Restore_BringsBackTheMeetingFieldsOfAnOldRevision()
    {
        var (alice, bob) = await TwoMembersAsync();
        var saved = await CreateMeetingAsync(new MeetingInput(Thursday, [alice], "agenda one", "", [new ActionItemInput("First", bob, null, false)]));
        var editor = App.Get<EntryEditor>();
        await editor.SaveAsync(Mentor, saved.EntryId, 1, new EntryInput("Weekly meeting, 26 Nov 2026", "changed", Visibility.Team, null, "",
            Meeting: new MeetingInput(Thursday.AddDays(1), [bob], "agenda two", "", [])));

        Assert.IsType<SaveResult.Saved>(await editor.RestoreAsync(Mentor, saved.EntryId, 1));

        using var db = App.CreateDbContext();
        var entry = (await EntryGraph.WithFieldsAsync(db, saved.EntryId))!;
        Assert.Equal(3, entry.RevisionNumber);
        Assert.Equal(Thursday, entry.Meeting!.Date);
        Assert.Equal("agenda one", entry.Meeting.AgendaMarkdown);
        Assert.Equal([alice], entry.Attendees.Select(a => a.MemberId));
        Assert.Equal("First", Assert.Single(entry.ActionItems).Text);
    }

    [Fact]
    public async Task MeetingPages_AreForMembersOnly_AnonymousSeesNone()
    {
        var (alice, _) = await TwoMembersAsync();
        var team = await CreateMeetingAsync(new MeetingInput(Thursday, [alice], "", "", [new ActionItemInput("Team-only item", alice, null, false)]), Visibility.Team, "Team meeting");
        var client = App.CreateClient();

        var list = await client.GetStringAsync("/meetings");
        using var hidden = await client.GetAsync($"/meetings/{team.Slug}");

        Assert.DoesNotContain("Team meeting", list);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain("Team-only item", await hidden.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create_PublicMeeting_EvenByTheMentor_IsRefusedBesideTheVisibilityAndNothingIsSaved()
    {
        var result = await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Meeting,
            new EntryInput("Open meeting", "", Visibility.Public, null, "", Meeting: new MeetingInput(Thursday, [], "Public agenda", "", [])));

        var invalid = Assert.IsType<SaveResult.Invalid>(result);
        Assert.Equal(EntryEditor.MeetingsStayWithTheTeam, invalid.Errors[nameof(EntryInput.Visibility)]);
        using var db = App.CreateDbContext();
        Assert.False(await db.Entries.AnyAsync(e => e.Title == "Open meeting"));
    }

    [Fact]
    public async Task Save_MakingATeamMeetingPublic_IsRefusedBesideTheVisibilityAndChangesNothing()
    {
        var saved = await CreateMeetingAsync(new MeetingInput(Thursday, [], "Team agenda", "", []));

        var result = await App.Get<EntryEditor>().SaveAsync(Mentor, saved.EntryId, 1,
            new EntryInput("Weekly meeting, 26 Nov 2026", "We talked about **SAEs**.", Visibility.Public, null, "", Meeting: new MeetingInput(Thursday, [], "Team agenda", "", [])));

        Assert.Equal(EntryEditor.MeetingsStayWithTheTeam, Assert.IsType<SaveResult.Invalid>(result).Errors[nameof(EntryInput.Visibility)]);
        using var db = App.CreateDbContext();
        var entry = await db.Entries.SingleAsync(e => e.Id == saved.EntryId);
        Assert.Equal((Visibility.Team, 1), (entry.Visibility, entry.RevisionNumber));
    }


    [Fact]
    public async Task MeetingPage_ShowsEveryField_AttendeesByName_ActionItemsInTheirOrder_ToTheReadersTheRuleGives()
    {
        var (alice, bob) = await TwoMembersAsync();
        await Members.AddAsync(App, "meeting-reader@test.local", Roles.Researcher, Members.Mars);
        string[] names;
        using (var db = App.CreateDbContext())
        {
            names = [.. (await db.Members.Where(m => m.Id == alice || m.Id == bob).Select(m => m.Name).ToListAsync()).Order()];
        }
        var saved = await CreateMeetingAsync(new MeetingInput(Thursday, [bob, alice], "1. Review [[Goal]]", "Publish the *SAE* post.",
            [new ActionItemInput("Draft the post", alice, Thursday.AddDays(7), false), new ActionItemInput("Book a room", null, null, true)]), Visibility.Team, "Team weekly");

        using var anonymous = await App.CreateClient().GetAsync($"/meetings/{saved.Slug}");
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.DoesNotContain("Draft the post", await anonymous.Content.ReadAsStringAsync());

        using var member = await Members.SignInAsync(App, "meeting-reader@test.local");
        var page = new HtmlParser().ParseDocument(await member.GetStringAsync($"/meetings/{saved.Slug}"));
        var main = page.QuerySelector("main")!;
        Assert.Equal("Team weekly", main.QuerySelector("h1")!.TextContent);
        Assert.Contains("Thursday 26 November 2026", main.TextContent);
        Assert.Equal(names, main.QuerySelectorAll("ul.people > li > a").Select(a => a.TextContent));
        Assert.NotNull(page.QuerySelector("#agenda-heading")!.ParentElement!.QuerySelector("a[href='pages/goal']"));
        Assert.Contains("SAEs", page.QuerySelector("#notes-heading")!.ParentElement!.TextContent);
        Assert.Contains("SAE post", page.QuerySelector("#decisions-heading")!.ParentElement!.TextContent);
        var items = page.QuerySelectorAll("[data-testid=action-items] > li").ToList();
        Assert.Equal(["Draft the post", "Book a room"], items.Select(li => li.QuerySelector("label span")!.TextContent));
        Assert.Contains("due 3 Dec 2026", items[0].TextContent);
        Assert.NotNull(items[0].QuerySelector("a[href^='team/']"));
        Assert.Contains("no owner", items[1].TextContent);
        Assert.Contains("action-item--done", items[1].ClassName);
        Assert.Contains("Revision 1", main.TextContent);
    }
}
