using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Promisingness.Web.Caching;

/// <summary>
/// The output cache's store: pages in memory, indexed by their tags, and a page rendered before an eviction of
/// any of its tags is never stored after it. Without that, a reader whose render read the old text just before a
/// save commits stores that page just after the save's eviction, and readers get the old page until the next
/// eviction (bench/ scenario 9 counts them). A page may add tags as it renders, so its tags are known only when it
/// is stored: each request notes the eviction sequence when it starts (<see cref="NoteRequestStart"/>), every
/// eviction numbers the tag it evicts, and a page is refused if one of its tags was evicted since its request
/// started. Pages, the tag index and the numbers change under one lock, so an eviction by tag always finds every
/// page stored with that tag (MemoryOutputCacheStore updated its tag lists later, in a callback, and let a page
/// stored again in between escape the next eviction).
/// </summary>
internal sealed class TaggedPageStore(IOptions<OutputCacheOptions> options, IHttpContextAccessor accessor, TimeProvider clock) : IOutputCacheStore
{
    private const string StartedKey = "output-cache-started";
    private const string EvictionsKey = "evictions";

    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, Page> pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> keysByTag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> lastEvicted = new(StringComparer.Ordinal);
    private readonly long sizeLimit = options.Value.SizeLimit;
    private long size;
    private long sequence;

    private sealed record Page(byte[] Value, string[] Tags, DateTimeOffset Expires);

    /// <summary>How many pages are stored now.</summary>
    public int Count => pages.Count;

    /// <summary>
    /// As a cached request starts, before its page reads anything: tags the page (<see cref="PublicPageCache.PageTag"/>),
    /// notes where the evictions stand, and puts the numbers of the page's last evictions in its cache key. The
    /// middleware hands a lookup that finds another lookup of the same key in flight that one's result, which may
    /// have been read just before a save's eviction; with the numbers in the key, a request that starts after the
    /// eviction never shares a lookup with one that started before it. The key carries the tags known at the start;
    /// a tag that a page adds as it renders is guarded when the page is stored, but such a lookup could still pass
    /// it by, so the tags a save evicts are the pages' own (an entry's, the listings').
    /// </summary>
    public static void NoteRequestStart(OutputCacheContext context)
    {
        var pageTag = PublicPageCache.PageTag(context.HttpContext);
        context.Tags.Add(pageTag);
        if (context.HttpContext.RequestServices.GetService<IOutputCacheStore>() is TaggedPageStore store)
        {
            context.HttpContext.Items[StartedKey] = Interlocked.Read(ref store.sequence);
            context.CacheVaryByRules.VaryByValues[EvictionsKey] = string.Create(CultureInfo.InvariantCulture,
                $"{store.lastEvicted.GetValueOrDefault(PublicPageCache.Tag)}.{store.lastEvicted.GetValueOrDefault(pageTag)}");
        }
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!pages.TryGetValue(key, out var page))
        {
            return ValueTask.FromResult<byte[]?>(null);
        }
        if (page.Expires <= clock.GetUtcNow())
        {
            lock (gate)
            {
                if (pages.TryGetValue(key, out var still) && still == page)
                {
                    Remove(key, page);
                }
            }
            return ValueTask.FromResult<byte[]?>(null);
        }
        return ValueTask.FromResult<byte[]?>(page.Value);
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        tags ??= [];
        // A response of no request of ours (none noted its start) is stored as if it started now.
        var started = accessor.HttpContext?.Items[StartedKey] as long?;
        lock (gate)
        {
            if (started is { } start && tags.Any(tag => lastEvicted.GetValueOrDefault(tag) > start))
            {
                return ValueTask.CompletedTask;
            }
            if (value.Length > sizeLimit)
            {
                return ValueTask.CompletedTask;
            }
            if (pages.TryGetValue(key, out var old))
            {
                Remove(key, old);
            }
            MakeRoomFor(value.Length);
            var page = new Page(value, tags, clock.GetUtcNow() + validFor);
            pages[key] = page;
            size += value.Length;
            foreach (var tag in tags)
            {
                if (!keysByTag.TryGetValue(tag, out var keys))
                {
                    keysByTag[tag] = keys = new HashSet<string>(StringComparer.Ordinal);
                }
                keys.Add(key);
            }
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = Interlocked.Increment(ref sequence);
            lastEvicted[tag] = now;
            if (tag == PublicPageCache.Tag)
            {
                // Every page carries this tag, so a request that started before now is refused by it alone, and its
                // key is new: the numbers of the other tags are no longer needed, which keeps them from piling up.
                // This one is set first, so a request reading them meanwhile still gets a new key.
                foreach (var other in lastEvicted.Keys.Where(other => other != tag))
                {
                    lastEvicted.TryRemove(other, out _);
                }
            }
            if (keysByTag.TryGetValue(tag, out var keys))
            {
                foreach (var key in keys.ToList())
                {
                    Remove(key, pages[key]);
                }
            }
        }
        return ValueTask.CompletedTask;
    }

    // Under the lock.
    private void Remove(string key, Page page)
    {
        pages.TryRemove(key, out _);
        size -= page.Value.Length;
        foreach (var tag in page.Tags)
        {
            if (keysByTag.TryGetValue(tag, out var keys) && keys.Remove(key) && keys.Count == 0)
            {
                keysByTag.Remove(tag);
            }
        }
    }

    // Under the lock: the expired pages go first, then any, until the new one fits.
    private void MakeRoomFor(long length)
    {
        if (size + length <= sizeLimit)
        {
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var (key, page) in pages.Where(p => p.Value.Expires <= now).ToList())
        {
            Remove(key, page);
        }
        foreach (var (key, page) in pages.ToList())
        {
            if (size + length <= sizeLimit)
            {
                return;
            }
            Remove(key, page);
        }
    }
}

/// <summary>Tags the page and notes where the evictions stand as a cached request starts (<see cref="TaggedPageStore.NoteRequestStart"/>).</summary>
internal sealed class RequestStartPolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        TaggedPageStore.NoteRequestStart(context);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
