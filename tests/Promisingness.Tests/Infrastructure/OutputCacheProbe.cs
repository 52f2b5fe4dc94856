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
}
