using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Caching;

/// <summary>
/// After a save, the cached public pages that show what it changed are evicted, here and on the other instances.
/// Which pages is read from the save's changes, so this step comes after every step that adds to them.
/// </summary>
public sealed class CachedPagesOfTheSave(PublicPageCache cache) : ISaveStep
{
    public async Task<AfterCommit?> InTransactionAsync(EntrySave save, CancellationToken cancellationToken)
    {
        var tags = await PublicPageCache.TagsChangedByAsync(save.Db, save.Entry, save.Before, save.OldSlug, cancellationToken);
        return token => cache.EvictAsync(tags,
            [.. save.Db.ChangeTracker.Entries<ActivityRecord>().Select(a => a.Entity.Id)], hereDone: save.Turn.Dispose, token).AsTask();
    }
}
