using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;

namespace Promisingness.Web.Caching;

/// <summary>
/// Evicts cached public pages when another process changed content: the command line imports into the
/// same database while the server runs. Every write appends an activity, so a new highest activity id
/// is the signal. It also sees another instance's saves, a fallback should Redis not carry their eviction.
/// Activities whose writer evicted what they changed, here or by telling this instance, are passed by: a save
/// that evicts one entry's page would otherwise be followed by the eviction of every page.
/// </summary>
internal sealed class ContentChangeWatcher(
    IDbContextFactory<WikiDbContext> dbFactory,
    PublicPageCache cache,
    ILogger<ContentChangeWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? lastSeen = null;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                var latest = await db.Activities.MaxAsync(a => (long?)a.Id, stoppingToken) ?? 0;
                if (lastSeen is not null && latest != lastSeen)
                {
                    var added = await db.Activities.Where(a => a.Id > lastSeen && a.Id <= latest).Select(a => a.Id).ToListAsync(stoppingToken);
                    if (!cache.WereEvictedFor(added))
                    {
                        // Every instance runs this watcher, so each evicts only its own pages.
                        await cache.EvictHereAsync(stoppingToken);
                    }
                }
                lastSeen = latest;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not check the database for content changes; will try again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
