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
    public async Task PersonMovedToAnotherProgram_ReachesEveryTopicThatListsThem()
    {
        // People and programs change only through the import, which evicts every page.
        var client = app.CreateClient();
        string[] topics = ["/topics/weak-to-strong-generalization", "/topics/theoretical-chain-of-thought"];
        foreach (var topic in topics)
        {
            Assert.Equal("AISC", ProgramOfSeverin(await client.GetStringAsync(topic)));
            using var cached = await OutputCacheProbe.CachedAsync(client, topic);
            Assert.NotNull(cached);
        }
        var seed = File.ReadAllText(WikiApp.TestData("seed-README.md"));
        var moved = seed.Replace("Marcel Mir, Severin Field,", "Marcel Mir,").Replace("MARS: Alfie Lamerton,", "MARS: Severin Field, Alfie Lamerton,");
        Assert.NotEqual(seed, moved);

        await app.Get<ReadmeImporter>().ImportAsync(moved);

        foreach (var topic in topics)
        {
            Assert.Equal("MARS", ProgramOfSeverin(await client.GetStringAsync(topic)));
        }
    }

    // The program badge beside the researcher's name in a topic's list of people.
    private static string ProgramOfSeverin(string html)
    {
        var item = html[html.IndexOf("team/severin-field\"", StringComparison.Ordinal)..];
        item = item[..item.IndexOf("</li>", StringComparison.Ordinal)];
        var title = item.IndexOf("title=\"", StringComparison.Ordinal) + "title=\"".Length;
        return item[title..item.IndexOf('"', title)];
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
