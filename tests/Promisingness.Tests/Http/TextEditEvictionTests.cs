using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

/// <summary>
/// A change to one entry's text evicts its own page and the listings, and keeps every other entry's page cached
/// (bench/ scenario 8); any other change still evicts every page, and no reader gets an old page either way.
/// </summary>
public sealed class TextEditEvictionTests : IAsyncLifetime
{
    private readonly WikiApp app = new();
    private HttpClient client = null!;
    private string mentor = "";
    private SaveResult.Saved one = null!;
    private SaveResult.Saved two = null!;

    public async Task InitializeAsync()
    {
        mentor = await Members.AddAsync(app, "cache-mentor@test.local", Roles.Mentor);
        one = await CreateAsync("Cache topic one", "The first topic's text.");
        two = await CreateAsync("Cache topic two", "The second topic's text.");
        client = app.CreateClient();
        // The setup's writes (new members, new entries) did not mark their activities as evicted for, so the
        // watcher evicts every page once for them, within a second: let it, before pages are cached.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    private EntryEditor Editor => app.Get<EntryEditor>();

    [Fact]
    public async Task TextOnlySave_EvictsItsPageAndTheListings_AndKeepsOtherEntriesCached()
    {
        await CacheAsync("/topics/cache-topic-one", "/topics/cache-topic-two", "/topics", "/recent");

        one = await SaveAsync(one, "Cache topic one", "The first topic's text, with a freshly written sentence.");

        using (var own = await client.GetAsync("/topics/cache-topic-one"))
        {
            Assert.Contains("freshly written sentence", await own.Content.ReadAsStringAsync());
        }
        foreach (var listing in new[] { "/topics", "/recent" })
        {
            using var page = await client.GetAsync(listing);
            Assert.Null(page.Headers.Age);
        }
        using (var other = await client.GetAsync("/topics/cache-topic-two"))
        {
            Assert.NotNull(other.Headers.Age);
        }
        // The watcher that evicts for changes made elsewhere sees this save's activity, and must pass it by.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using (var later = await client.GetAsync("/topics/cache-topic-two"))
        {
            Assert.NotNull(later.Headers.Age);
        }
    }

    [Fact]
    public async Task SaveThatAddsALink_ShowsTheBacklinkOnTheLinkedPageAtOnce()
    {
        await CacheAsync("/topics/cache-topic-two");

        one = await SaveAsync(one, "Cache topic one", "The first topic's text, now building on [[Cache topic two]].");

        var linked = await client.GetStringAsync("/topics/cache-topic-two");
        Assert.Contains("href=\"topics/cache-topic-one\"", linked);
    }

    [Fact]
    public async Task Retitle_ShowsTheNewTitleOnPagesThatListTheEntry()
    {
        one = await SaveAsync(one, "Cache topic one", "The first topic's text, now building on [[Cache topic two]].");
        await CacheAsync("/topics/cache-topic-two");

        one = await SaveAsync(one, "Cache topic one, renamed", "The first topic's text, now building on [[Cache topic two]].");

        Assert.Contains("Cache topic one, renamed", await client.GetStringAsync("/topics/cache-topic-two"));
    }

    [Fact]
    public async Task TakingAnEntryBackToTheTeam_RemovesItFromOtherPagesBacklinksAtOnce()
    {
        const string body = "The first topic's text, now building on [[Cache topic two]].";
        one = await SaveAsync(one, "Cache topic one", body);
        await CacheAsync("/topics/cache-topic-one", "/topics/cache-topic-two");
        Assert.Contains("href=\"topics/cache-topic-one\"", await client.GetStringAsync("/topics/cache-topic-two"));

        one = await SaveAsync(one, "Cache topic one", body, Visibility.Team);

        Assert.DoesNotContain("cache-topic-one", await client.GetStringAsync("/topics/cache-topic-two"));
        using var own = await client.GetAsync("/topics/cache-topic-one");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, own.StatusCode);
    }

    private Task CacheAsync(params string[] paths) => OutputCacheProbe.AllCachedAsync(client, paths);

    private async Task<SaveResult.Saved> CreateAsync(string title, string body) =>
        Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(mentor, EntryKind.Topic, new EntryInput(title, body, Visibility.Public, null, "")));

    private async Task<SaveResult.Saved> SaveAsync(SaveResult.Saved entry, string title, string body, Visibility visibility = Visibility.Public) =>
        Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(mentor, entry.EntryId, entry.RevisionNumber, new EntryInput(title, body, visibility, null, "")));
}
