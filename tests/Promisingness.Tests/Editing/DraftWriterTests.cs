using Microsoft.Extensions.Time.Testing;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Editing;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Editing;

/// <summary>The autosave's pace: a short text at every pause, a long one at most every few seconds, the last pause never lost.</summary>
public sealed class DraftWriterTests : IAsyncLifetime
{
    private readonly WikiApp app = WikiApp.On(DatabaseProvider.Sqlite);
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-07T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly List<bool> told = [];
    private EditorDrafts drafts = default!;

    public async Task InitializeAsync()
    {
        var user = await Members.AddAsync(app, "drafts@test.local", Roles.Researcher, Members.Aisc);
        var session = new EditSession(0, EntryKind.Page, "", "", "", Visibility.Team, Members.Aisc, 0, false, null);
        drafts = new EditorDrafts(app.Get<EntryDrafts>(), user, session, isNew: true);
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    private DraftWriter Writer() => new(drafts, clock, kept =>
    {
        lock (told)
        {
            told.Add(kept);
        }
        return Task.CompletedTask;
    });

    private static string Long(string word) => word + new string('x', DraftWriter.LongText);

    private async Task<string?> KeptAsync() => (await drafts.LoadAsync())?.Body;

    // The timer's write runs on the thread pool: waits for it to land.
    private async Task<string?> KeptSoonAsync(string expected)
    {
        for (var i = 0; i < 200 && await KeptAsync() != expected; i++)
        {
            await Task.Delay(25);
        }
        return await KeptAsync();
    }

    [DatabaseFact]
    public async Task ShortText_IsWrittenAtEveryPause()
    {
        await using var writer = Writer();

        await writer.KeepAsync("T", "first", 0);
        Assert.Equal("first", await KeptAsync());
        await writer.KeepAsync("T", "second", 0);

        Assert.Equal("second", await KeptAsync());
        Assert.Equal([true, true], told);
    }

    [DatabaseFact]
    public async Task LongText_IsWrittenAtMostOnceAnInterval_AndTheLastPauseWhenItEnds()
    {
        await using var writer = Writer();
        await writer.KeepAsync("T", Long("first"), 0);
        Assert.Equal(Long("first"), await KeptAsync());

        clock.Advance(TimeSpan.FromSeconds(1));
        await writer.KeepAsync("T", Long("second"), 0);
        await writer.KeepAsync("T", Long("third"), 0);
        Assert.Equal(Long("first"), await KeptAsync());

        clock.Advance(DraftWriter.LongTextInterval);
        Assert.Equal(Long("third"), await KeptSoonAsync(Long("third")));
    }

    [DatabaseFact]
    public async Task LongText_WaitingWhenTheEditorCloses_IsWritten()
    {
        var writer = Writer();
        await writer.KeepAsync("T", Long("first"), 0);
        await writer.KeepAsync("T", Long("last before the tab closed"), 0);

        await writer.DisposeAsync();

        Assert.Equal(Long("last before the tab closed"), await KeptAsync());
    }

    [DatabaseFact]
    public async Task LongText_WaitingWhenASaveBegins_IsNeverWritten()
    {
        await using var writer = Writer();
        await writer.KeepAsync("T", Long("first"), 0);
        await writer.KeepAsync("T", Long("typed just before Save"), 0);

        await writer.ForgetAsync();
        await drafts.DiscardAsync();
        clock.Advance(DraftWriter.LongTextInterval * 2);
        await Task.Delay(200);

        Assert.Null(await KeptAsync());
    }
}
