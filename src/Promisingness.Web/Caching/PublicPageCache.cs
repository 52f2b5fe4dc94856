using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using Promisingness.Web.Scaling;

namespace Promisingness.Web.Caching;

/// <summary>
/// The output cache of anonymous pages. Every public page carries one tag, and any change to content
/// evicts it: pages show lists of topics, people and activity, so almost every change touches most pages.
/// Each instance caches in its own memory; a change evicts on every instance (see docs/SCALING.md).
/// </summary>
public sealed class PublicPageCache
{
    public const string PolicyName = "public-page";
    public const string Tag = "wiki";
    private const string EvictTopic = "evict-public-pages";

    private readonly IOutputCacheStore store;
    private readonly OtherInstances others;

    public PublicPageCache(IOutputCacheStore store, OtherInstances others)
    {
        this.store = store;
        this.others = others;
        others.On<bool>(EvictTopic, _ => EvictHereAsync().AsTask());
    }

    /// <summary>
    /// Evicts here and on every other instance, and returns once they all have: a save answered after this
    /// is never followed by the old page, whichever instance the reader reaches. An instance that does not
    /// answer in time is left to its <see cref="ContentChangeWatcher"/>, which evicts within about a second.
    /// </summary>
    public async ValueTask EvictAsync(CancellationToken cancellationToken = default)
    {
        await EvictHereAsync(cancellationToken);
        await others.TellAndWaitAsync(EvictTopic, true, cancellationToken);
    }

    /// <summary>Evicts this instance's pages only, for a change every instance notices by itself.</summary>
    public ValueTask EvictHereAsync(CancellationToken cancellationToken = default) => store.EvictByTagAsync(Tag, cancellationToken);
}

/// <summary>
/// Wraps the output cache's store so that a page rendered before an eviction is never stored after it.
/// Without this, a reader whose render read the old text just before a save commits stores that page just
/// after the save's eviction, and readers get the old page until the next eviction (bench/ scenario 9 saw
/// 18 stale pages after 200 saves; 4 remained, from request coalescing, until the policy stopped locking,
/// see WikiServices). Each request notes the eviction generation when it starts
/// (<see cref="GenerationPolicy"/>); storing and evicting take one lock, and a response from an older
/// generation is not stored.
/// </summary>
internal sealed class GenerationCheckedStore(IOutputCacheStore inner, IHttpContextAccessor accessor) : IOutputCacheStore, IOutputCacheBufferStore
{
    private const string GenerationKey = "output-cache-generation";
    private readonly SemaphoreSlim gate = new(1, 1);
    private long generation;

    /// <summary>
    /// Notes the generation, and puts it in the cache key: a page stored before an eviction is then never looked
    /// up after it, even if the eviction by tag missed it. It can: MemoryOutputCacheStore drops a key from its tag
    /// list in a callback that runs after the entry leaves the cache, so a page stored again under the same key
    /// in between is left out of the list, and the next eviction by tag passes it by (bench/ scenario 9 saw 1 stale
    /// page in 20,000 saves that way).
    /// </summary>
    public static void NoteRequestStart(OutputCacheContext context)
    {
        if (context.HttpContext.RequestServices.GetService<IOutputCacheStore>() is GenerationCheckedStore store)
        {
            var generation = Interlocked.Read(ref store.generation);
            context.HttpContext.Items[GenerationKey] = generation;
            context.CacheVaryByRules.VaryByValues[GenerationKey] = generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            Interlocked.Increment(ref generation);
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
        var started = accessor.HttpContext?.Items[GenerationKey] as long?;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (started is null || started == Interlocked.Read(ref generation))
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
