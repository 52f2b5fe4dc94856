using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Search;

/// <summary>
/// The seed plus entries written through the real editor by researchers of each program and the mentor,
/// each with a word found nowhere else, so that a search for that word shows exactly who may find it.
/// </summary>
public class SearchWiki : IAsyncLifetime
{
    public const int Spar = 3;

    /// <summary>A SPAR researcher's draft.</summary>
    public const string SparDraftWord = "quokka";

    /// <summary>An AISC researcher's entry for the team.</summary>
    public const string TeamWord = "wombat";

    /// <summary>A public page whose body holds a script element.</summary>
    public const string ScriptWord = "axolotl";

    /// <summary>A word only in a member's comment on the public page with <see cref="ScriptWord"/>.</summary>
    public const string CommentWord = "marker";

    /// <summary>Entries enough to fill more than every page of results.</summary>
    public const string ManyWord = "capybara";
    public const int ManyCount = 230;

    /// <summary>Entries of which some are for the team only: counts and pages must leave those out for anonymous readers.</summary>
    public const string MixedWord = "okapi";
    public const int MixedPublic = 18;
    public const int MixedTeam = 12;

    private WikiApp? app;

    public WikiApp App => app ??= WikiApp.On(Provider);

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;
    public Dictionary<string, string?> UserIds { get; } = [];

    public async Task InitializeAsync()
    {
        if (Provider == DatabaseProvider.Postgres && TestPostgres.SkipReason is not null)
        {
            return; // Every test of the class is reported skipped, with the reason.
        }
        UserIds["anonymous"] = null;
        UserIds["aisc"] = await Members.AddAsync(App, "search-aisc@test.local", Roles.Researcher, Members.Aisc);
        UserIds["mars"] = await Members.AddAsync(App, "search-mars@test.local", Roles.Researcher, Members.Mars);
        UserIds["spar"] = await Members.AddAsync(App, "search-spar@test.local", Roles.Researcher, Spar);
        UserIds["mentor"] = await Members.AddAsync(App, "search-mentor@test.local", Roles.Mentor);
        var mentor = UserIds["mentor"]!;

        var editor = App.Get<EntryEditor>();
        await Saved(editor.CreateAsync(UserIds["spar"]!, EntryKind.Page, new EntryInput("SPAR plans", $"Our {SparDraftWord} experiment, not ready to share.", Visibility.Draft, Spar)));
        await Saved(editor.CreateAsync(UserIds["aisc"]!, EntryKind.Page, new EntryInput("Camp logistics", $"The {TeamWord} rota for the team.", Visibility.Team, Members.Aisc)));
        await Saved(editor.CreateAsync(mentor, EntryKind.Page, new EntryInput("Markup in text", $"An {ScriptWord} says <script>alert('pwned')</script> & <b>bold</b>.", Visibility.Public, null)));
        await Saved(editor.CreateAsync(mentor, EntryKind.Page, new EntryInput("Pangolin behaviour", "Notes on scales and diet.", Visibility.Public, null)));
        await Saved(editor.CreateAsync(mentor, EntryKind.Page, new EntryInput("Other notes", "A long aside: the pangolin, the pangolin and the pangolin again.", Visibility.Public, null)));
        await Saved(editor.CreateAsync(mentor, EntryKind.Question, new EntryInput("Could a narwhal be tagged?", "A question about the narwhal.", Visibility.Public, null, Tags: ["sea-life"])));
        await Saved(editor.CreateAsync(mentor, EntryKind.Page, new EntryInput("Narwhal field notes", "Where the narwhal was seen.", Visibility.Public, Members.Mars)));

        using var db = App.CreateDbContext();
        // A discussion whose words hostile inputs use, so that members' searches with them go through the comment index too.
        var markup = await db.Entries.Where(e => e.Slug == "markup-in-text").Select(e => e.Id).SingleAsync();
        Assert.Null((await App.Get<Discussions>().OpenAsync(mentor, markup, $"A weak NEAR title aside, lorem ipsum, a {CommentWord} \uE001stray\uE000 <script>alert(2)</script>.", null)).Error);
        await db.Entries.Where(e => e.Slug == "narwhal-field-notes").ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EntryStatus.RemovedFromReadme));
        var now = DateTimeOffset.UtcNow;
        db.Entries.AddRange(Enumerable.Range(1, ManyCount).Select(i => new Entry
        {
            Kind = EntryKind.Page,
            Slug = $"many-{i}",
            Title = $"Entry {i}",
            BodyMarkdown = $"A {ManyWord} number {i}.",
            Visibility = Visibility.Public,
            CreatedAt = now,
            UpdatedAt = now,
        }));
        // Team entries are the newest, so that a filter applied after the limit would show in the counts.
        db.Entries.AddRange(Enumerable.Range(1, MixedPublic + MixedTeam).Select(i => new Entry
        {
            Kind = EntryKind.Page,
            Slug = $"mixed-{i}",
            Title = $"Mixed {i}",
            BodyMarkdown = $"An {MixedWord} sighting.",
            Visibility = i > MixedPublic ? Visibility.Team : Visibility.Public,
            CreatedAt = now,
            UpdatedAt = now,
        }));
        await db.SaveChangesAsync();
    }

    public async Task<WikiUser?> ReaderAsync(string name) =>
        UserIds[name] is { } id ? await App.Get<WikiUsers>().LoadAsync(id) : null;

    private static async Task Saved(Task<SaveResult> save) => Assert.IsType<SaveResult.Saved>(await save);

    public Task DisposeAsync()
    {
        app?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The same wiki on PostgreSQL.</summary>
public sealed class PostgresSearchWiki : SearchWiki
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
