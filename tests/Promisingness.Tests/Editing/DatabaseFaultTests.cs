using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Editing;

/// <summary>
/// Real database faults under the editor's save, injected in SQLite itself rather than mocked: another
/// connection holding the write lock past the timeout, and a database that may not grow (SQLITE_FULL, as a
/// full disk answers). The save comes back as a message with a reference the log holds beside the exception;
/// nothing is written (no revision, no audit row); the same save succeeds once the fault is gone.
/// </summary>
public sealed class DatabaseFaultTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("promisingness-faults").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Makes every connection the app opens refuse to grow the database while <see cref="On"/>.</summary>
    private sealed class FullDisk : DbConnectionInterceptor
    {
        public volatile bool On;

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_count";
            var pages = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            // Per connection, and pooled connections keep it: set it on every open, either way.
            command.CommandText = $"PRAGMA max_page_count = {(On ? pages : 2_000_000_000)}";
            command.ExecuteNonQuery();
        }
    }

    private static async Task<(int Id, string Title, int Revision, long LastActivity)> GoalAsync(WikiApp app)
    {
        using var db = app.CreateDbContext();
        var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
        return (goal.Id, goal.Title, goal.RevisionNumber, await db.Activities.MaxAsync(a => a.Id));
    }

    private static async Task AssertNothingWrittenAsync(WikiApp app, (int Id, string Title, int Revision, long LastActivity) before)
    {
        var after = await GoalAsync(app);
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(before.LastActivity, after.LastActivity);
    }

    private static void AssertLoggedWith(WikiApp app, string reference, string sqliteMessage) =>
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal)
            && line.Contains(reference, StringComparison.Ordinal) && line.Contains(sqliteMessage, StringComparison.Ordinal));

    [Fact]
    public async Task Save_WhileAnotherConnectionHoldsTheWriteLockPastTheTimeout_SaysBusyKeepsNothingAndLogsTheReference()
    {
        var path = Path.Combine(folder, "wiki.db");
        // A one-second command timeout so the test waits for SQLite's own busy_timeout (5 s) and not 30 s.
        using var app = new WikiApp(databasePath: path, settings: new Dictionary<string, string> { ["ConnectionStrings:Wiki"] = $"DataSource={path};Default Timeout=1" });
        var mentor = await Members.AddAsync(app, "busy-mentor@test.local", Roles.Mentor);
        var editor = app.Get<EntryEditor>();
        var goal = await GoalAsync(app);
        var input = new EntryInput(goal.Title, "Typed while the database was busy.", Visibility.Public, null, "");

        SaveResult result;
        bool draftKept;
        var clock = Stopwatch.StartNew();
        await using (var holder = new SqliteConnection($"DataSource={path};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }
            var save = editor.SaveAsync(mentor, goal.Id, goal.Revision, input);
            var autosave = app.Get<EntryDrafts>().SaveDraftAsync(mentor, goal.Id, goal.Revision, goal.Title, input.Body);
            (result, draftKept) = (await save, await autosave);
        }
        clock.Stop();

        var failed = Assert.IsType<SaveResult.Failed>(result);
        Assert.Contains("busy", failed.Message);
        Assert.Contains("Your text is still here", failed.Message);
        Assert.Matches("^[0-9a-f]{12}$", failed.Reference);
        Assert.False(draftKept);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"gave up after {clock.Elapsed}");
        AssertLoggedWith(app, failed.Reference, "database is locked");
        await AssertNothingWrittenAsync(app, goal);
        Assert.IsType<SaveResult.Saved>(await editor.SaveAsync(mentor, goal.Id, goal.Revision, input));
    }

    [Fact]
    public async Task Save_OnAFullDisk_SaysSoKeepsNothingAndLogsTheReference()
    {
        var fullDisk = new FullDisk();
        using var app = new WikiApp(services: services => services.ConfigureDbContext<SqliteWikiDbContext>(options => options.AddInterceptors(fullDisk)));
        var mentor = await Members.AddAsync(app, "full-mentor@test.local", Roles.Mentor);
        var editor = app.Get<EntryEditor>();
        var goal = await GoalAsync(app);
        // Big enough that the revision needs pages the database does not have yet.
        var input = new EntryInput(goal.Title, string.Concat(Enumerable.Repeat("A long thought about automating alignment. ", 5_000)), Visibility.Public, null, "");

        fullDisk.On = true;
        var result = await editor.SaveAsync(mentor, goal.Id, goal.Revision, input);
        var draftKept = await app.Get<EntryDrafts>().SaveDraftAsync(mentor, goal.Id, goal.Revision, goal.Title, input.Body);
        fullDisk.On = false;

        var failed = Assert.IsType<SaveResult.Failed>(result);
        Assert.Contains("disk is full", failed.Message);
        Assert.Contains("Your text is still here", failed.Message);
        Assert.False(draftKept);
        AssertLoggedWith(app, failed.Reference, "database or disk is full");
        await AssertNothingWrittenAsync(app, goal);
        Assert.IsType<SaveResult.Saved>(await editor.SaveAsync(mentor, goal.Id, goal.Revision, input));
    }
}
