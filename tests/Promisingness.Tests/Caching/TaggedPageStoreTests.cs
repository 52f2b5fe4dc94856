using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Promisingness.Web.Caching;

namespace Promisingness.Tests.Caching;

/// <summary>
/// A page rendered before an eviction of any of its tags, including tags it added while rendering, is never stored
/// after it (bench scenario 9); an eviction by tag finds every page stored with it; the store keeps to its size.
/// </summary>
public sealed class TaggedPageStoreTests
{
    private const string Entry = "wiki-entry:one";
    private const string Other = "wiki-entry:two";
    private readonly HttpContextAccessor accessor = new();
    private readonly FakeTimeProvider clock = new();
    private readonly TaggedPageStore store;

    public TaggedPageStoreTests()
    {
        store = new TaggedPageStore(Options.Create(new OutputCacheOptions { SizeLimit = 10 }), accessor, clock);
    }

    [Fact]
    public async Task Store_RequestStartedBeforeAnEvictionOfATagItAddedWhileRendering_IsNotStored()
    {
        StartRequest();
        await store.EvictByTagAsync(Entry, default);

        await SetAsync("page", PublicPageCache.Tag, Entry);

        Assert.Null(await GetAsync("page"));
    }

    [Fact]
    public async Task Store_RequestStartedBeforeTheEvictionOfEveryPage_IsNotStored()
    {
        StartRequest();
        await store.EvictByTagAsync(Other, default);
        await store.EvictByTagAsync(PublicPageCache.Tag, default);

        await SetAsync("page", PublicPageCache.Tag, Entry);

        Assert.Null(await GetAsync("page"));
    }

    [Fact]
    public async Task Store_RequestStartedBeforeAnEvictionOfTagsItDoesNotCarry_IsStored()
    {
        StartRequest();
        await store.EvictByTagAsync(Other, default);

        await SetAsync("page", PublicPageCache.Tag, Entry);

        Assert.NotNull(await GetAsync("page"));
    }

    [Fact]
    public async Task Store_RequestStartedAfterTheEviction_IsStored()
    {
        await store.EvictByTagAsync(Entry, default);
        await store.EvictByTagAsync(PublicPageCache.Tag, default);
        StartRequest();

        await SetAsync("page", PublicPageCache.Tag, Entry);

        Assert.NotNull(await GetAsync("page"));
    }

    [Fact]
    public async Task EvictByTag_RemovesEveryPageWithTheTag_IncludingOneStoredAgainUnderTheSameKey_AndNoOther()
    {
        StartRequest();
        await SetAsync("one", PublicPageCache.Tag, Entry);
        await store.EvictByTagAsync(Entry, default);
        StartRequest();
        await SetAsync("one", PublicPageCache.Tag, Entry);
        await SetAsync("two", PublicPageCache.Tag, Other);

        await store.EvictByTagAsync(Entry, default);

        Assert.Null(await GetAsync("one"));
        Assert.NotNull(await GetAsync("two"));
        await store.EvictByTagAsync(PublicPageCache.Tag, default);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Store_KeepsToItsSizeLimit_AndDropsExpiredPages()
    {
        StartRequest();
        await SetAsync("a", PublicPageCache.Tag);
        await SetAsync("b", PublicPageCache.Tag);
        await SetAsync("c", PublicPageCache.Tag);

        // Three pages of 4 bytes do not fit in 10.
        Assert.Equal(2, store.Count);
        Assert.NotNull(await GetAsync("c"));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await GetAsync("c"));
    }

    [Fact]
    public async Task CacheKey_ChangesWhenThePagesOwnTagIsEvicted_AndNotForAnotherPage()
    {
        // The middleware shares a lookup in flight with later lookups of the same key: one that started before an
        // eviction must not be shared with a request that starts after it.
        var one = Key(StartRequest("/topics/{Slug}", "one"));
        var two = Key(StartRequest("/questions/{Slug}", "two"));
        var listing = Key(StartRequest());
        Assert.Equal(one, Key(StartRequest("/topics/{Slug}", "ONE")));

        await store.EvictByTagAsync(PublicPageCache.PageTag(StartRequest("/topics/{Slug}", "one").HttpContext), default);

        Assert.NotEqual(one, Key(StartRequest("/topics/{Slug}", "one")));
        Assert.Equal(two, Key(StartRequest("/questions/{Slug}", "two")));
        Assert.Equal(listing, Key(StartRequest()));
        var before = Key(StartRequest("/topics/{Slug}", "one"));
        await store.EvictByTagAsync(PublicPageCache.Tag, default);
        Assert.NotEqual(before, Key(StartRequest("/topics/{Slug}", "one")));
        Assert.NotEqual(two, Key(StartRequest("/questions/{Slug}", "two")));
    }

    private static string Key(OutputCacheContext context) => string.Join(",", context.CacheVaryByRules.VaryByValues.Select(v => $"{v.Key}={v.Value}"));

    private async Task SetAsync(string key, params string[] tags) =>
        await store.SetAsync(key, [1, 2, 3, 4], tags, TimeSpan.FromMinutes(1), default);

    private async Task<byte[]?> GetAsync(string key) => await store.GetAsync(key, default);

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
        TaggedPageStore.NoteRequestStart(cacheContext);
        return cacheContext;
    }
}
