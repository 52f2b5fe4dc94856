using System.Diagnostics;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.ImportExport;

namespace Promisingness.Tests.Scale;

/// <summary>Redis configured but not there: the instance serves and saves on its own, as one instance would.</summary>
public sealed class RedisAwayTests : IDisposable
{
    // Nothing listens on port 1; the connection is refused at once and retried in the background.
    private readonly WikiApp app = new(settings: new Dictionary<string, string> { ["Redis:Configuration"] = "127.0.0.1:1,connectTimeout=500" });
    private readonly string later = File.ReadAllText(WikiApp.TestData("later-README.md"));

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task AChange_IsNotHeldUpWaitingForRedis_AndEvictsThisInstancesPages()
    {
        var client = app.CreateClient();
        Assert.DoesNotContain("Automated Interpretability Agents", await client.GetStringAsync("/topics"));
        await client.GetStringAsync("/topics");

        var clock = Stopwatch.StartNew();
        await app.Get<ReadmeImporter>().ImportAsync(later);
        clock.Stop();

        Assert.Contains("Automated Interpretability Agents", await client.GetStringAsync("/topics"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"the import waited {clock.Elapsed.TotalSeconds:0.0} s for Redis");
    }

    [Fact]
    public async Task Healthz_SaysDegraded_ButStillAnswersOk()
    {
        // The instance serves correctly alone, so a load balancer keeps it; the body tells whoever watches.
        using var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", await response.Content.ReadAsStringAsync());
    }
}
