using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Review;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Summaries;

namespace Promisingness.Tests.Summaries;

/// <summary>A new summary starts with its author's week as the wiki recorded it.</summary>
public sealed class SummaryPrefillTests : SummaryTestBed
{
    [Fact]
    public async Task Prefill_ListsEntriesChangedWithTheirSize_MeetingsAttended_ActionItemsDone_AndThreadsResolved()
    {
        // Severin edits a topic twice this week; someone else's edit is not his.
        int chainId;
        using (var db = App.CreateDbContext())
        {
            chainId = (await db.Entries.SingleAsync(e => e.Slug == "theoretical-chain-of-thought")).Id;
        }
        await SaveBodyAsync("peer", chainId, "Intro line.");
        await SaveBodyAsync("author", chainId, "Intro line.\n\nA first new line with five words.");
        await SaveBodyAsync("peer", chainId, (await EntryAsync(chainId)).BodyMarkdown + "\n\nThe peer adds this.");
        await SaveBodyAsync("author", chainId, (await EntryAsync(chainId)).BodyMarkdown.Replace("A first new line", "A second line", StringComparison.Ordinal));
        var week = IsoWeek.Of((await EntryAsync(chainId)).Revisions.Max(r => r.CreatedAt));
        var inWeek = week.Start.AddDays(2);
        var lastWeek = week.Start.AddDays(-2);

        using (var db = App.CreateDbContext())
        {
            var attended = Meeting("Weekly meeting, Wednesday", week.Monday.AddDays(2));
            var missed = Meeting("Weekly meeting, last week", week.Monday.AddDays(-5));
            db.Entries.AddRange(attended, missed);
            await db.SaveChangesAsync();
            db.MeetingAttendees.AddRange(new MeetingAttendee { EntryId = attended.Id, MemberId = SeverinMemberId }, new MeetingAttendee { EntryId = missed.Id, MemberId = SeverinMemberId });
            db.ActionItems.AddRange(
                new ActionItem { EntryId = attended.Id, Text = "Read the CoT faithfulness paper", OwnerMemberId = SeverinMemberId, Done = true, DoneAt = inWeek },
                new ActionItem { EntryId = attended.Id, Text = "Still open", OwnerMemberId = SeverinMemberId },
                new ActionItem { EntryId = missed.Id, Text = "Done last week", OwnerMemberId = SeverinMemberId, Done = true, DoneAt = lastWeek });
            db.CommentThreads.AddRange(
                new CommentThread { EntryId = chainId, OpenedByUserId = Users["mentor"], OpenedByName = "bogdan", Quote = "the faithfulness of chain of thought", ResolvedAt = inWeek, ResolvedByName = "severin", CreatedAt = lastWeek },
                new CommentThread { EntryId = chainId, OpenedByUserId = Users["mentor"], OpenedByName = "bogdan", Quote = "resolved by someone else", ResolvedAt = inWeek, ResolvedByName = "bogdan", CreatedAt = lastWeek });
            await db.SaveChangesAsync();
        }

        var activity = await App.Get<SummaryPrefill>().ActivityAsync(SeverinMemberId, week);
        var markdown = SummaryPrefill.ToMarkdown(activity);

        var changed = Assert.Single(activity.Entries);
        Assert.Equal(("theoretical-chain-of-thought", 2, false), (changed.Slug, changed.Revisions, changed.Created));
        Assert.Equal((3, 1), (changed.LinesAdded, changed.LinesRemoved));
        Assert.True(changed.WordsChanged >= 9, $"{changed.WordsChanged} words");
        Assert.Equal("Weekly meeting, Wednesday", Assert.Single(activity.Meetings).Title);
        Assert.Equal("Read the CoT faithfulness paper", Assert.Single(activity.ActionItems).Text);
        Assert.Equal("the faithfulness of chain of thought", Assert.Single(activity.Threads).Quote);
        Assert.Contains("- [[theoretical-chain-of-thought|Theoretical Chain of Thought]]: 2 revisions, +3 −1 lines", markdown);
        Assert.Contains("### Meetings I attended", markdown);
        Assert.Contains("- Read the CoT faithfulness paper (from [[weekly-meeting-wednesday|Weekly meeting, Wednesday]])", markdown);
        Assert.Contains("On [[theoretical-chain-of-thought|Theoretical Chain of Thought]]: “the faithfulness of chain of thought”", markdown);
        Assert.DoesNotContain("last week", markdown);
    }

    [Fact]
    public async Task Prefill_OfAQuietWeek_InvitesTheAuthorToWrite()
    {
        var markdown = await App.Get<SummaryPrefill>().MarkdownAsync(SeverinMemberId, new IsoWeek(2020, 10));

        Assert.Contains("Nothing of this week is recorded in the wiki yet", markdown);
        Assert.Contains("## Next week", markdown);
    }

    [Fact]
    public async Task ASummaryItself_IsNotCountedAsAnEntryChanged()
    {
        var summary = await CreateAsync();
        var week = IsoWeek.Of((await EntryAsync(summary.EntryId)).CreatedAt);

        var activity = await App.Get<SummaryPrefill>().ActivityAsync(SeverinMemberId, week);

        Assert.Empty(activity.Entries);
    }

    private async Task SaveBodyAsync(string writer, int entryId, string body)
    {
        var entry = await EntryAsync(entryId);
        var result = await Editor.SaveAsync(Users[writer], entryId, entry.RevisionNumber, new EntryInput(entry.Title, body, entry.Visibility, entry.ProgramId, "edit"));
        Assert.IsType<SaveResult.Saved>(result);
    }

    private static Entry Meeting(string title, DateOnly date) => new()
    {
        Kind = EntryKind.Meeting,
        Slug = Web.Features.Entries.Slugs.From(title),
        Title = title,
        Visibility = Visibility.Team,
        RevisionNumber = 1,
        Meeting = new Meeting { Date = date },
    };
}
