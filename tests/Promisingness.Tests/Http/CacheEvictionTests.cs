using System.Diagnostics;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.ImportExport;

namespace Promisingness.Tests.Http;

/// <summary>A reader never keeps getting a cached page after the content changed, whichever process changed it.</summary>
public sealed class CacheEvictionTests : IDisposable
{
    private readonly WikiApp app = new();
    private readonly string later = File.ReadAllText(WikiApp.TestData("later-README.md"));

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Import_InTheServingProcess_EvictsTheCachedPagesAtOnce()
    {
        var client = app.CreateClient();
        Assert.DoesNotContain("Automated Interpretability Agents", await client.GetStringAsync("/topics"));
        using (var cached = await OutputCacheProbe.CachedAsync(client, "/topics"))
        {
            Assert.NotNull(cached);
        }

        await app.Get<ReadmeImporter>().ImportAsync(later);

        Assert.Contains("Automated Interpretability Agents", await client.GetStringAsync("/topics"));
    }

    [Fact]
    public async Task Import_FromAnotherProcess_ReachesReadersWithinSeconds()
    {
        var client = app.CreateClient();
        Assert.DoesNotContain("Automated Interpretability Agents", await client.GetStringAsync("/topics"));
        await client.GetStringAsync("/topics");

        // A second app on the same database file stands for the command line: it shares nothing in memory.
        using (var commandLine = new WikiApp(seed: false, databasePath: app.DatabasePath))
        {
            await commandLine.Get<ReadmeImporter>().ImportAsync(later);
        }

        var clock = Stopwatch.StartNew();
        while (!(await client.GetStringAsync("/topics")).Contains("Automated Interpretability Agents"))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the cached page was still served 5 s after another process changed the content");
            await Task.Delay(100);
        }
    }
}
