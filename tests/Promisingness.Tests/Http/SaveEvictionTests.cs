using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

/// <summary>
/// A save tells the entry's watchers before it evicts the cache (both inside its turn, SaveTurns). Telling them can
/// fail after the revision is committed; the writer must still be told it saved, and anonymous readers get the new
/// page at once.
/// </summary>
public sealed class SaveEvictionTests
{
    /// <summary>Refuses every write of a notification while <see cref="On"/>, as a database fault would.</summary>
    private sealed class NotificationsRefused : SaveChangesInterceptor
    {
        public volatile bool On;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            On && eventData.Context!.ChangeTracker.Entries<Notification>().Any()
                ? throw new DbUpdateException("No notifications today.")
                : ValueTask.FromResult(result);
    }

    [Fact]
    public async Task Save_WhoseWatchersCannotBeTold_IsSavedAndEvictsItsPage()
    {
        var refused = new NotificationsRefused();
        using var app = new WikiApp(services: services =>
            services.ConfigureDbContext<SqliteWikiDbContext>(options => options.AddInterceptors(refused)));
        var writer = await Members.AddAsync(app, "evict-writer@test.local", Roles.Mentor);
        var watcher = await Members.AddAsync(app, "evict-watcher@test.local", Roles.Mentor);
        var editor = app.Get<EntryEditor>();
        var created = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(writer, EntryKind.Topic,
            new EntryInput("Eviction topic", "The first text.", Visibility.Public, null, "")));
        // The watcher writes a revision too, so the writer's next save has someone to tell.
        var watched = Assert.IsType<SaveResult.Saved>(await editor.SaveAsync(watcher, created.EntryId, created.RevisionNumber,
            new EntryInput("Eviction topic", "The watcher's text.", Visibility.Public, null, "")));
        var client = app.CreateClient();
        // Let the watcher that evicts for the setup's writes run once before the page is cached.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var url = "/topics/" + created.Slug;
        await client.GetStringAsync(url);
        using (var cached = await client.GetAsync(url))
        {
            Assert.NotNull(cached.Headers.Age);
        }

        refused.On = true;
        var saved = await editor.SaveAsync(writer, created.EntryId, watched.RevisionNumber,
            new EntryInput("Eviction topic", "The newest text.", Visibility.Public, null, ""));

        // The revision is committed, so the writer is told it saved (and the log says who was not told) ...
        Assert.Equal(watched.RevisionNumber + 1, Assert.IsType<SaveResult.Saved>(saved).RevisionNumber);
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("the step after it WatchersHearOfTheSave failed", StringComparison.Ordinal));
        // ... and readers get its text at once.
        Assert.Contains("The newest text.", await client.GetStringAsync(url));
    }
}
