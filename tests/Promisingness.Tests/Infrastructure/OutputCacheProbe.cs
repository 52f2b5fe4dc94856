namespace Promisingness.Tests.Infrastructure;

/// <summary>
/// Asks for a page until the output cache serves it. The app's background watcher evicts every cached page
/// once, up to a second after any write (the seed import, a test's own setup), so a first pair of requests
/// may straddle that eviction; a page that is never served from the cache still fails the test.
/// </summary>
internal static class OutputCacheProbe
{
    public static async Task<HttpResponseMessage?> CachedAsync(HttpClient client, string path)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            (await client.GetAsync(path)).Dispose();
            var again = await client.GetAsync(path);
            if (again.Headers.Age is not null)
            {
                return again;
            }
            again.Dispose();
            await Task.Delay(300);
        }
        return null;
    }

    /// <summary>Asks for each page until the cache serves it, then checks that all of them are still cached.</summary>
    public static async Task AllCachedAsync(HttpClient client, params string[] paths)
    {
        foreach (var path in paths)
        {
            using var cached = await CachedAsync(client, path);
            Assert.True(cached is not null, $"{path} was never served from the cache");
        }
        foreach (var path in paths)
        {
            using var again = await client.GetAsync(path);
            Assert.True(again.Headers.Age is not null, $"{path} left the cache");
        }
    }
}
