using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Editing;

/// <summary>
/// Two saves of the same revision where the second reads the entry before the first commits, so both pass the
/// revision check: the second's write then matches no row, and it must come back as a conflict with its text kept,
/// not overwrite the first or fail.
/// </summary>
public sealed class SaveRaceTests
{
    /// <summary>Runs a competing save once, at the start of the next SaveChanges: after that save's reads, before its writes.</summary>
    private sealed class CompetingSave : SaveChangesInterceptor
    {
        public Func<Task>? Next;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref Next, null) is { } competing)
            {
                await competing();
            }
            return result;
        }
    }

    [Fact]
    public async Task Save_WhenAnotherCommitsBetweenItsReadAndItsWrite_IsAConflictAndItsTextIsKept()
    {
        var race = new CompetingSave();
        using var app = new WikiApp(services: services => services.ConfigureDbContext<SqliteWikiDbContext>(options => options.AddInterceptors(race)));
        var mine = await Members.AddAsync(app, "race-mine@test.local", Roles.Researcher, Members.Aisc);
        var theirs = await Members.AddAsync(app, "race-theirs@test.local", Roles.Researcher, Members.Aisc);
        var editor = app.Get<EntryEditor>();
        Entry goal;
        using (var db = app.CreateDbContext())
        {
            goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
        }
        EntryInput Input(string body) => new(goal.Title, body, goal.Visibility, goal.ProgramId, "race");
        SaveResult? competing = null;
        race.Next = async () => competing = await editor.SaveAsync(theirs, goal.Id, 1, Input("Their text, saved first."));

        var result = await editor.SaveAsync(mine, goal.Id, 1, Input("My text, saved second."));

        Assert.Equal(2, Assert.IsType<SaveResult.Saved>(competing).RevisionNumber);
        Assert.IsType<SaveResult.Conflict>(result);
        using (var db = app.CreateDbContext())
        {
            var after = await db.Entries.Include(e => e.Revisions).SingleAsync(e => e.Id == goal.Id);
            Assert.Equal("Their text, saved first.", after.BodyMarkdown);
            Assert.Equal([1, 2], after.Revisions.Select(r => r.Number).Order());
        }
        Assert.Equal("My text, saved second.", (await app.Get<EntryDrafts>().DraftAsync(mine, goal.Id))!.Body);
    }
}
