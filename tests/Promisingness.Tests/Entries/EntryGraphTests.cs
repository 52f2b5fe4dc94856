using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Entries;

public class EntryGraphTests
{
    /// <summary>
    /// WithFieldsAsync reads only the rows of the entry's own kind; a revision must still record every field.
    /// Every kind, with every field filled in, snapshots the same as with every relation of every kind loaded.
    /// </summary>
    [Fact]
    public async Task WithFields_SnapshotsEveryEntryAsLoadingEveryRelationDoes()
    {
        using var app = new WikiApp();
        var mentor = await Members.AddAsync(app, "graph-mentor@test.local", Roles.Mentor);
        var editor = app.Get<EntryEditor>();
        int topicId;
        List<int> people;
        using (var db = app.CreateDbContext())
        {
            topicId = await db.Entries.Where(e => e.Kind == EntryKind.Topic && e.Researchers.Any() && e.Outputs.Any()).Select(e => e.Id).FirstAsync();
            people = await db.Members.OrderBy(m => m.Id).Select(m => m.Id).Take(2).ToListAsync();
        }
        Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Question,
            new EntryInput("Which oversight works?", "Body.", Visibility.Team, null, "", Tags: ["oversight"], LinkedTopicIds: [topicId])));
        Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Meeting,
            new EntryInput("Weekly meeting", "Notes.", Visibility.Team, null, "", Tags: ["weekly"],
                Meeting: new MeetingInput(new DateOnly(2026, 11, 26), people, "Agenda.", "Decisions.", [new ActionItemInput("Write it up", people[0], new DateOnly(2026, 12, 1), false)]))));
        Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.WeeklySummary,
            new EntryInput("", "What was read this week.", Visibility.Team, null, "", Tags: ["summary"], Summary: new SummaryInput("2026-W48", topicId, people[0]))));

        using var read = app.CreateDbContext();
        var all = await read.Entries.AsNoTracking()
            .Include(e => e.Researchers).ThenInclude(r => r.Member)
            .Include(e => e.Outputs)
            .Include(e => e.Tags)
            .Include(e => e.LinkedTopics)
            .Include(e => e.Meeting)
            .Include(e => e.Attendees).ThenInclude(a => a.Member)
            .Include(e => e.ActionItems).ThenInclude(a => a.Owner)
            .Include(e => e.Summary).ThenInclude(s => s!.AuthorMember)
            .AsSplitQuery()
            .ToListAsync();
        Assert.Equal(EntryKinds.All.ToHashSet(), all.Select(e => e.Kind).ToHashSet());
        Assert.Contains(all, e => e.LinkedTopics.Count > 0);
        Assert.Contains(all, e => e.Attendees.Count > 0 && e.ActionItems.Count > 0);
        foreach (var expected in all)
        {
            using var db = app.CreateDbContext();
            var loaded = await EntryGraph.WithFieldsAsync(db, expected.Id);
            Assert.Equal(RevisionRecorder.Snapshot(expected), RevisionRecorder.Snapshot(loaded!));
        }
    }

    [Fact]
    public async Task WithFields_IsNullForAnEntryThatDoesNotExist()
    {
        using var app = new WikiApp(seed: false);
        using var db = app.CreateDbContext();
        Assert.Null(await EntryGraph.WithFieldsAsync(db, 12345));
    }
}
