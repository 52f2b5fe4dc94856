using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Promisingness.Web.Caching;

namespace Promisingness.Tests.Caching;

/// <summary>A page rendered before a save's eviction is never stored after it (bench scenario 9).</summary>
public sealed class GenerationCheckedStoreTests
{
    private readonly RecordingStore inner = new();
    private readonly HttpContextAccessor accessor = new();
    private readonly GenerationCheckedStore store;

    public GenerationCheckedStoreTests()
    {
        store = new GenerationCheckedStore(inner, accessor);
    }

    [Fact]
    public async Task Store_RequestStartedBeforeAnEviction_IsNotStored()
    {
        StartRequest();
        await store.EvictByTagAsync(PublicPageCache.Tag, default);

        await store.SetAsync("page", [1, 2, 3], [PublicPageCache.Tag], TimeSpan.FromMinutes(1), default);

        Assert.Empty(inner.Stored);
    }

    [Fact]
    public async Task Store_RequestStartedAfterTheLastEviction_IsStored()
    {
        await store.EvictByTagAsync(PublicPageCache.Tag, default);
        StartRequest();

        await store.SetAsync("page", [1, 2, 3], [PublicPageCache.Tag], TimeSpan.FromMinutes(1), default);

        Assert.Equal(["page"], inner.Stored);
    }

    [Fact]
    public async Task CacheKey_CarriesTheGeneration_SoAPageStoredBeforeAnEvictionIsNeverLookedUpAfterIt()
    {
        // The eviction by tag can miss a page (see NoteRequestStart); a new key after each eviction cannot.
        var before = StartRequest().CacheVaryByRules.VaryByValues.ToDictionary();
        var again = StartRequest().CacheVaryByRules.VaryByValues.ToDictionary();
        await store.EvictByTagAsync(PublicPageCache.Tag, default);
        var after = StartRequest().CacheVaryByRules.VaryByValues.ToDictionary();

        Assert.Equal(before, again);
        Assert.NotEmpty(after);
        Assert.NotEqual(before, after);
    }

    private OutputCacheContext StartRequest()
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<IOutputCacheStore>(store).BuildServiceProvider(),
        };
        accessor.HttpContext = context;
        var cacheContext = new OutputCacheContext { HttpContext = context };
        GenerationCheckedStore.NoteRequestStart(cacheContext);
        return cacheContext;
    }

    private sealed class RecordingStore : IOutputCacheStore
    {
        public List<string> Stored { get; } = [];

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            Stored.Add(key);
            return ValueTask.CompletedTask;
        }
    }
}
