using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Scaling;

namespace Promisingness.Web.Caching;

/// <summary>
/// The output cache of anonymous pages. Every public page carries <see cref="Tag"/>, and most changes evict it:
/// pages show lists of topics, people and activity, so almost every change touches most pages. A page of one
/// entry (a topic, question or free page) also carries that entry's tag, every other page
/// <see cref="ListingTag"/>; a change to an entry's text alone evicts only those two (<see cref="TagsChangedBy"/>),
/// so readers of the other entries keep their cached pages while someone writes.
/// Each instance caches in its own memory; a change evicts on every instance (see docs/SCALING.md).
/// </summary>
public sealed class PublicPageCache
{
    public const string PolicyName = "public-page";
    public const string Tag = "wiki";
    public const string ListingTag = "wiki-listing";
    private const string EntryTagPrefix = "wiki-entry:";
    private const string EvictTopic = "evict-public-page-tags";

    // Where these kinds' text appears: their own page, and listings (excerpts, activity, feeds, search). A summary's
    // text also shows on its topic's page, a meeting's nowhere public.
    private static readonly EntryKind[] KindsWithAPageOfTheirOwn = [EntryKind.Topic, EntryKind.Question, EntryKind.Page];

    private readonly IOutputCacheStore store;
    private readonly OtherInstances others;

    // Activities whose eviction was done when they were written, so that the ContentChangeWatcher, which sees
    // every new activity, does not evict every page for them a second later.
    private readonly ConcurrentDictionary<long, bool> evictedFor = new();

    public PublicPageCache(IOutputCacheStore store, OtherInstances others)
    {
        this.store = store;
        this.others = others;
        others.On<Eviction>(EvictTopic, eviction => EvictHereAsync(eviction).AsTask());
    }

    /// <summary>What one instance tells the others to evict, and for which activities.</summary>
    private sealed record Eviction(string[] Tags, long[] Activities);

    /// <summary>
    /// Evicts every page here and on every other instance, and returns once they all have: a save answered after
    /// this is never followed by the old page, whichever instance the reader reaches. An instance that does not
    /// answer in time is left to its <see cref="ContentChangeWatcher"/>, which evicts within about a second.
    /// </summary>
    public ValueTask EvictAsync(CancellationToken cancellationToken = default) => EvictAsync([Tag], [], cancellationToken: cancellationToken);

    /// <summary>
    /// The same, for the pages that carry one of <paramref name="tags"/>, after a write that recorded <paramref name="activities"/>.
    /// <paramref name="hereDone"/> runs once this instance's pages are evicted, before waiting for the others (a save
    /// gives back its turn there: an instance that does not answer holds it up for seconds).
    /// </summary>
    public async ValueTask EvictAsync(string[] tags, long[] activities, Action? hereDone = null, CancellationToken cancellationToken = default)
    {
        var eviction = new Eviction(tags, activities);
        await EvictHereAsync(eviction, cancellationToken);
        hereDone?.Invoke();
        await others.TellAndWaitAsync(EvictTopic, eviction, cancellationToken);
    }

    /// <summary>Evicts this instance's pages only, for a change every instance notices by itself.</summary>
    public ValueTask EvictHereAsync(CancellationToken cancellationToken = default) => EvictHereAsync(new Eviction([Tag], []), cancellationToken);

    private async ValueTask EvictHereAsync(Eviction eviction, CancellationToken cancellationToken = default)
    {
        foreach (var tag in eviction.Tags)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }
        foreach (var activity in eviction.Activities)
        {
            evictedFor[activity] = true;
        }
    }

    /// <summary>
    /// For the <see cref="ContentChangeWatcher"/>: whether each of these new activities had its pages evicted when
    /// it was written. Forgets them, and any older ones, either way.
    /// </summary>
    internal bool WereEvictedFor(IReadOnlyCollection<long> activities)
    {
        var all = activities.All(evictedFor.ContainsKey);
        var last = activities.Count == 0 ? 0 : activities.Max();
        foreach (var id in evictedFor.Keys.Where(id => id <= last))
        {
            evictedFor.TryRemove(id, out _);
        }
        return all;
    }

    /// <summary>
    /// The tags a save of <paramref name="entry"/> must evict; call it before SaveChanges, while the tracker still
    /// knows which links were added or removed. Its own page and the listings when only its text changed and not
    /// where the text links (other entries' pages list their backlinks); everything otherwise.
    /// </summary>
    public static string[] TagsChangedBy(WikiDbContext db, Entry entry, string before)
    {
        var onlyItsText = KindsWithAPageOfTheirOwn.Contains(entry.Kind)
            && RevisionRecorder.DiffersOnlyIn(nameof(Entry.BodyMarkdown), before, RevisionRecorder.Snapshot(entry))
            && !db.ChangeTracker.Entries<EntryLink>().Any(link => link.State is EntityState.Added or EntityState.Deleted);
        return onlyItsText ? [ListingTag, EntryTag(entry.Kind, entry.Slug)] : [Tag];
    }

    /// <summary>The second tag of a page being rendered: its entry's, or <see cref="ListingTag"/>.</summary>
    public static string PageTag(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } && context.GetRouteValue("Slug") is string slug)
        {
            foreach (var kind in KindsWithAPageOfTheirOwn)
            {
                if (route.Trim('/') == EntryUrls.For(kind, "{Slug}"))
                {
                    return EntryTag(kind, slug);
                }
            }
        }
        return ListingTag;
    }

    // Lower case: the router matches /topics/Goal to the same page as /topics/goal.
    private static string EntryTag(EntryKind kind, string slug) => EntryTagPrefix + EntryUrls.For(kind, slug).ToLowerInvariant();
}

/// <summary>
/// Wraps the output cache's store so that a page rendered before an eviction is never stored after it.
/// Without this, a reader whose render read the old text just before a save commits stores that page just
/// after the save's eviction, and readers get the old page until the next eviction (bench/ scenario 9 counts
/// them; request coalescing caused some too, until the policy stopped locking: see AddPublicPageCache).
/// Each request notes, when it starts, the eviction generations of every page and of its
/// own page's tag (<see cref="GenerationPolicy"/>); storing and evicting take one lock, and a response from an
/// older generation is not stored.
/// </summary>
internal sealed class GenerationCheckedStore(IOutputCacheStore inner, IHttpContextAccessor accessor) : IOutputCacheStore, IOutputCacheBufferStore
{
    private const string GenerationKey = "output-cache-generation";
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, long> pageGenerations = new();
    private long generation;

    private sealed record Started(string PageTag, long Everything, long Page);

    /// <summary>
    /// Notes the generations, tags the page, and puts the generations in the cache key: a page stored before an
    /// eviction is then never looked up after it, even if the eviction by tag missed it. It can:
    /// MemoryOutputCacheStore drops a key from its tag list in a callback that runs after the entry leaves the
    /// cache, so a page stored again under the same key in between is left out of the list, and the next eviction
    /// by tag passes it by (rare, but bench/ scenario 9 found it).
    /// </summary>
    public static void NoteRequestStart(OutputCacheContext context)
    {
        var pageTag = PublicPageCache.PageTag(context.HttpContext);
        context.Tags.Add(pageTag);
        if (context.HttpContext.RequestServices.GetService<IOutputCacheStore>() is GenerationCheckedStore store)
        {
            var started = store.Now(pageTag);
            context.HttpContext.Items[GenerationKey] = started;
            context.CacheVaryByRules.VaryByValues[GenerationKey] = string.Create(CultureInfo.InvariantCulture, $"{started.Everything}.{started.Page}");
        }
    }

    private Started Now(string pageTag) => new(pageTag, Interlocked.Read(ref generation), pageGenerations.GetValueOrDefault(pageTag));

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (tag == PublicPageCache.Tag)
            {
                Interlocked.Increment(ref generation);
            }
            else
            {
                pageGenerations.AddOrUpdate(tag, 1, (_, last) => last + 1);
            }
            await inner.EvictByTagAsync(tag, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken) =>
        inner is IOutputCacheBufferStore buffers ? buffers.TryGetAsync(key, destination, cancellationToken) : FromBytesAsync(key, destination, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        StoreAsync(() => inner.SetAsync(key, value, tags, validFor, cancellationToken), cancellationToken);

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        StoreAsync(() => inner is IOutputCacheBufferStore buffers
            ? buffers.SetAsync(key, value, tags, validFor, cancellationToken)
            : inner.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken), cancellationToken);

    private async ValueTask StoreAsync(Func<ValueTask> store, CancellationToken cancellationToken)
    {
        var started = accessor.HttpContext?.Items[GenerationKey] as Started;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (started is null || started == Now(started.PageTag))
            {
                await store();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async ValueTask<bool> FromBytesAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (await inner.GetAsync(key, cancellationToken) is not { } bytes)
        {
            return false;
        }
        await destination.WriteAsync(bytes, cancellationToken);
        return true;
    }
}

/// <summary>Notes the eviction generation as a cached request starts, before the page reads anything.</summary>
internal sealed class GenerationPolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        GenerationCheckedStore.NoteRequestStart(context);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
