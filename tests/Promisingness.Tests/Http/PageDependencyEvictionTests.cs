using System.Net;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

/// <summary>
/// A save evicts the cached pages that show what it changed, each kind of dependency on its own: the lists, the
/// pages that list an entry by its relations (backlinks, a topic's questions, a question's topics), and the
/// "create this" links that waited for an address; and it keeps every other entry's page cached (bench/ scenario 8).
/// Each test writes its own entries on one app.
/// </summary>
public sealed class PageDependencyEvictionTests(PageDependencyEvictionTests.Fixture fixture) : IClassFixture<PageDependencyEvictionTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public WikiApp App { get; } = new();

        public string Mentor { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Mentor = await Members.AddAsync(App, "dependency-mentor@test.local", Roles.Mentor);
            // The new member's activity was not evicted for when written, so the watcher evicts every page once
            // for it, within a second: let it, before pages are cached.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private readonly HttpClient client = fixture.App.CreateClient();

    private EntryEditor Editor => fixture.App.Get<EntryEditor>();

    [Fact]
    public async Task Rename_ChangesTheListsAndEveryPageThatShowsTheEntry()
    {
        var target = await CreateAsync(EntryKind.Page, "Rename target page", "Linked to.");
        var topic = await CreateAsync(EntryKind.Topic, "Rename topic before", "Builds on [[Rename target page]].");
        var question = await CreateAsync(EntryKind.Question, "Rename question", "About the topic.", linkedTopics: [topic.EntryId]);
        string[] pages = ["/topics", "/pages/rename-target-page", "/questions/rename-question"];
        await CacheAsync(pages);
        foreach (var page in pages)
        {
            Assert.Contains("Rename topic before", await client.GetStringAsync(page));
        }

        topic = await SaveAsync(topic, "Rename topic after", "Builds on [[Rename target page]].");

        Assert.Equal("rename-topic-after", topic.Slug);
        foreach (var page in pages)
        {
            var html = await client.GetStringAsync(page);
            Assert.Contains("Rename topic after", html);
            Assert.DoesNotContain("Rename topic before", html);
            Assert.Contains("href=\"topics/rename-topic-after\"", html);
        }
        Assert.Contains("Builds on", await client.GetStringAsync("/topics/rename-topic-after"));
    }

    [Fact]
    public async Task VisibilityChange_RemovesTheEntryFromEveryListAndLinkingPage_AndBringsItBack()
    {
        await CreateAsync(EntryKind.Page, "Visibility target page", "Linked to.");
        var topic = await CreateAsync(EntryKind.Topic, "Visibility topic", "Builds on [[Visibility target page]].");
        await CreateAsync(EntryKind.Question, "Visibility question", "About the topic.", linkedTopics: [topic.EntryId]);
        string[] pages = ["/topics", "/pages/visibility-target-page", "/questions/visibility-question"];
        await CacheAsync([.. pages, "/topics/visibility-topic"]);

        topic = await SaveAsync(topic, "Visibility topic", "Builds on [[Visibility target page]].", Visibility.Team);

        foreach (var page in pages)
        {
            Assert.DoesNotContain("Visibility topic", await client.GetStringAsync(page));
        }
        using (var own = await client.GetAsync("/topics/visibility-topic"))
        {
            Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);
        }

        // The pages cached while it was hidden did not show it, and must show it again.
        await CacheAsync(pages);
        await SaveAsync(topic, "Visibility topic", "Builds on [[Visibility target page]].", Visibility.Public);

        foreach (var page in pages)
        {
            Assert.Contains("href=\"topics/visibility-topic\"", await client.GetStringAsync(page));
        }
    }

    [Fact]
    public async Task QuestionGivenATopic_ShowsOnThatTopicsPage()
    {
        var topic = await CreateAsync(EntryKind.Topic, "Asked about topic", "Open to questions.");
        var question = await CreateAsync(EntryKind.Question, "Topicless question", "Not yet about anything.");
        await CacheAsync("/topics/asked-about-topic");

        question = Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(fixture.Mentor, question.EntryId, question.RevisionNumber,
            Input("Topicless question", "Not yet about anything.", Visibility.Public, [topic.EntryId])));

        Assert.Contains("href=\"questions/topicless-question\"", await client.GetStringAsync("/topics/asked-about-topic"));

        // Its new title reaches the topic's page too, though its topics stay the same.
        await CacheAsync("/topics/asked-about-topic");
        await Editor.SaveAsync(fixture.Mentor, question.EntryId, question.RevisionNumber,
            Input("Reworded question", "Not yet about anything.", Visibility.Public, [topic.EntryId]));

        Assert.Contains("href=\"questions/reworded-question\"", await client.GetStringAsync("/topics/asked-about-topic"));
    }

    [Fact]
    public async Task NewEntry_FillsTheCreateThisLinksThatWaitedForIt()
    {
        await CreateAsync(EntryKind.Page, "Waiting page", "Waits for [[Awaited topic]].");
        await CacheAsync("/pages/waiting-page");
        Assert.Contains("title=\"Awaited topic\"", await client.GetStringAsync("/pages/waiting-page"));

        await CreateAsync(EntryKind.Topic, "Awaited topic", "Here at last.");

        var waiting = await client.GetStringAsync("/pages/waiting-page");
        Assert.Contains("href=\"topics/awaited-topic\"", waiting);
        Assert.DoesNotContain("title=\"Awaited topic\"", waiting);
    }

    [Fact]
    public async Task LinkToAnOldAddress_ShowsAsABacklinkOnThePageAtTheNewOne()
    {
        var moved = await CreateAsync(EntryKind.Page, "Moved page before", "Was here first.");
        await SaveAsync(moved, "Moved page after", "Was here first.");
        var linking = await CreateAsync(EntryKind.Page, "Old address linker", "No links yet.");
        await CacheAsync("/pages/moved-page-after");

        await SaveAsync(linking, "Old address linker", "Links to [[Moved page before]].");

        Assert.Contains("href=\"pages/old-address-linker\"", await client.GetStringAsync("/pages/moved-page-after"));
    }

    [Fact]
    public async Task TextOnlySave_ThatAddsALink_EvictsTheLinkedPage_AndKeepsEveryOtherEntryCached()
    {
        var writer = await CreateAsync(EntryKind.Topic, "Busy writer topic", "Some text.");
        await CreateAsync(EntryKind.Topic, "Newly linked topic", "Will be linked to.");
        await CreateAsync(EntryKind.Topic, "Bystander topic", "Nobody touches this.");
        await CacheAsync("/topics/busy-writer-topic", "/topics/newly-linked-topic", "/topics/bystander-topic");

        await SaveAsync(writer, "Busy writer topic", "Some text, now building on [[Newly linked topic]].");

        Assert.Contains("now building on", await client.GetStringAsync("/topics/busy-writer-topic"));
        Assert.Contains("href=\"topics/busy-writer-topic\"", await client.GetStringAsync("/topics/newly-linked-topic"));
        using var bystander = await client.GetAsync("/topics/bystander-topic");
        Assert.NotNull(bystander.Headers.Age);
    }

    private Task CacheAsync(params string[] paths) => OutputCacheProbe.AllCachedAsync(client, paths);

    private async Task<SaveResult.Saved> CreateAsync(EntryKind kind, string title, string body, IReadOnlyList<int>? linkedTopics = null) =>
        Assert.IsType<SaveResult.Saved>(await Editor.CreateAsync(fixture.Mentor, kind, Input(title, body, Visibility.Public, linkedTopics)));

    private async Task<SaveResult.Saved> SaveAsync(SaveResult.Saved entry, string title, string body, Visibility visibility = Visibility.Public) =>
        Assert.IsType<SaveResult.Saved>(await Editor.SaveAsync(fixture.Mentor, entry.EntryId, entry.RevisionNumber, Input(title, body, visibility, null)));

    private static EntryInput Input(string title, string body, Visibility visibility, IReadOnlyList<int>? linkedTopics) =>
        new(title, body, visibility, null, "", LinkedTopicIds: linkedTopics);
}
