using Promisingness.Tests.Infrastructure;
using Promisingness.Tests.Review;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Summaries.Review;

namespace Promisingness.Tests.Http;

/// <summary>Publishing a summary, and taking it back by editing it, reach anonymous readers of cached pages at once.</summary>
public sealed class SummaryCacheTests : SummaryTestBed
{
    [Fact]
    public async Task PublishAndEdit_EvictTheCachedPublicPages()
    {
        var summary = await CreateAsync(body: "CACHED-SUMMARY-TEXT");
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit);
        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve);
        var client = App.CreateClient();
        Assert.Contains("No weekly summary has been published yet.", await client.GetStringAsync("/summaries"));
        // The page must be in the cache for the eviction below to mean anything.
        using (var cached = await OutputCacheProbe.CachedAsync(client, "/summaries"))
        {
            Assert.NotNull(cached);
        }

        await DoneAsync("mentor", summary.EntryId, ReviewCommand.Publish);

        Assert.Contains("CACHED-SUMMARY-TEXT", await client.GetStringAsync("/summaries"));
        Assert.Contains("CACHED-SUMMARY-TEXT", await client.GetStringAsync($"/summaries/{summary.Slug}"));

        await EditAsync(summary, "author", "CHANGED-AFTER-PUBLISHING", Visibility.Public);

        Assert.DoesNotContain("CACHED-SUMMARY-TEXT", await client.GetStringAsync("/summaries"));
        using var gone = await client.GetAsync($"/summaries/{summary.Slug}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
    }
}
