using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
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

    [Fact]
    public async Task EvictingOneEntrysPage_ChangesThatPagesKeyAndStoresAndNoOtherPages()
    {
        var one = StartRequest("/topics/{Slug}", "one");
        var two = StartRequest("/questions/{Slug}", "two");
        var listing = StartRequest();
        var oneTag = PublicPageCache.PageTag(one.HttpContext);
        Assert.Equal(3, new[] { oneTag, PublicPageCache.PageTag(two.HttpContext), PublicPageCache.PageTag(listing.HttpContext) }.Distinct().Count());
        Assert.Equal(oneTag, PublicPageCache.PageTag(StartRequest("/topics/{Slug}", "ONE").HttpContext));

        await store.EvictByTagAsync(oneTag, default);

        Assert.NotEqual(Key(one), Key(StartRequest("/topics/{Slug}", "one")));
        Assert.Equal(Key(two), Key(StartRequest("/questions/{Slug}", "two")));
        Assert.Equal(Key(listing), Key(StartRequest()));
        // A render of another page that started before the eviction may still be stored; one of this page may not.
        accessor.HttpContext = two.HttpContext;
        await store.SetAsync("two", [1], [PublicPageCache.Tag], TimeSpan.FromMinutes(1), default);
        accessor.HttpContext = one.HttpContext;
        await store.SetAsync("one", [1], [PublicPageCache.Tag], TimeSpan.FromMinutes(1), default);
        Assert.Equal(["two"], inner.Stored);
    }

    private static string Key(OutputCacheContext context) => string.Join(",", context.CacheVaryByRules.VaryByValues.Select(v => $"{v.Key}={v.Value}"));

    private OutputCacheContext StartRequest(string? route = null, string? slug = null)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<IOutputCacheStore>(store).BuildServiceProvider(),
        };
        if (route is not null)
        {
            context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0, EndpointMetadataCollection.Empty, route));
            context.Request.RouteValues["Slug"] = slug;
        }
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
