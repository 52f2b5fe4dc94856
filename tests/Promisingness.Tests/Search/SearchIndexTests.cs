using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Attachments;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Attachments;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Features.Search;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Search;

/// <summary>The index moves with every write, in the writer's own transaction: a search right after a save finds the new text, never the old.</summary>
public class SearchIndexTests : MentorAppTest
{
    private SearchService Search => App.Get<SearchService>();

    private async Task<IReadOnlyList<string>> TitlesAsync(string query) =>
        [.. (await Search.SearchAsync(new SearchRequest(query), null)).Hits.Select(h => Highlights.PlainText(h.Title))];

    private async Task<Entry> EntryAsync(string slug)
    {
        using var db = App.CreateDbContext();
        return await db.Entries.SingleAsync(e => e.Slug == slug);
    }

    [DatabaseFact]
    public async Task Save_NewBody_IsFoundAndTheOldIsNot()
    {
        var goal = await EntryAsync("goal");
        Assert.Contains("Goal", await TitlesAsync("\"more grounding\""));

        var saved = await App.Get<EntryEditor>().SaveAsync(Mentor, goal.Id, goal.RevisionNumber,
            new EntryInput(goal.Title, "Our aim is now a heliotrope of ideas.", goal.Visibility, goal.ProgramId, "rewrite"));

        Assert.IsType<SaveResult.Saved>(saved);
        Assert.Equal(["Goal"], await TitlesAsync("heliotrope"));
        Assert.DoesNotContain("Goal", await TitlesAsync("\"more grounding\""));
    }

    [DatabaseFact]
    public async Task Save_Rename_IsFoundByTheNewTitleOnly()
    {
        var background = await EntryAsync("background");

        await App.Get<EntryEditor>().SaveAsync(Mentor, background.Id, background.RevisionNumber,
            new EntryInput("Marmalade context", background.BodyMarkdown, background.Visibility, background.ProgramId, "rename"));

        var hit = Assert.Single((await Search.SearchAsync(new SearchRequest("marmalade"), null)).Hits);
        Assert.Equal("pages/marmalade-context", hit.Url);
        Assert.DoesNotContain("Background", await TitlesAsync("background"));
    }

    [DatabaseFact]
    public async Task Save_TopicOutputsAndTags_AreFoundAndRemovedOnesAreNot()
    {
        var topic = await EntryAsync("in-context-learning");
        var editor = App.Get<EntryEditor>();
        var first = await editor.SaveAsync(Mentor, topic.Id, topic.RevisionNumber, new EntryInput(topic.Title, topic.BodyMarkdown, topic.Visibility, null, "outputs",
            new TopicInput([], [new OutputInput("Tangerine post", "https://example.org/t", OutputStatus.Published, "A summary about kumquats.")]), ["citrus-study"]));
        Assert.IsType<SaveResult.Saved>(first);

        Assert.Equal(["In-context Learning"], await TitlesAsync("kumquats"));
        Assert.Equal(["In-context Learning"], await TitlesAsync("tangerine"));
        Assert.Equal(["In-context Learning"], await TitlesAsync("citrus"));

        topic = await EntryAsync("in-context-learning");
        await editor.SaveAsync(Mentor, topic.Id, topic.RevisionNumber, new EntryInput(topic.Title, topic.BodyMarkdown, topic.Visibility, null, "no outputs", new TopicInput([], []), []));

        Assert.Empty(await TitlesAsync("kumquats"));
        Assert.Empty(await TitlesAsync("citrus"));
    }

    [DatabaseFact]
    public async Task Import_LaterReadme_IsFoundRightAfterwards()
    {
        Assert.Empty(await TitlesAsync("generalise"));
        Assert.NotEmpty(await TitlesAsync("\"experiments outlined in a recent paper\""));

        await App.Get<ReadmeImporter>().ImportAsync(await File.ReadAllTextAsync(WikiApp.TestData("later-README.md")), "Bogdan");

        Assert.Equal(["Weak to Strong Generalization"], await TitlesAsync("generalise"));
        Assert.Empty(await TitlesAsync("\"experiments outlined in a recent paper\""));
        Assert.Contains("Automated Interpretability Agents", await TitlesAsync("interpretability agents"));
    }

    [SqliteFact]
    public async Task RolledBackWrite_LeavesTheIndexAsItWas()
    {
        using (var db = App.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Entries.Where(e => e.Slug == "goal").ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, "Zeppelin"));
            Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM EntrySearch WHERE EntrySearch MATCH 'zeppelin'").SingleAsync());
            await transaction.RollbackAsync();
        }

        Assert.Empty(await TitlesAsync("zeppelin"));
        Assert.Contains("Goal", await TitlesAsync("goal"));
    }

    [SqliteFact]
    public async Task Migration_OnAnExistingWiki_IndexesEveryEntry()
    {
        using var file = new SqliteMigrationFile(App, "AddSearch");
        await file.MigrateToBeforeAsync();
        var db = file.Db;
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Entries (Kind, Slug, Title, Visibility, Status, InReadme, Position, BodyMarkdown, BodyHtml, RevisionNumber, CreatedAt, UpdatedAt)
            VALUES ('Topic', 'old-one', 'Old walrus topic', 'Public', 'Active', 1, 1, 'Body of an old entry.', '', 1, 0, 0);
            INSERT INTO TopicOutputs (EntryId, Position, Url, Status, SummaryMarkdown, SummaryHtml, LinkNote) VALUES (1, 0, '', 'Published', 'An old lemur summary.', '', '');
            INSERT INTO EntryTags (EntryId, Name) VALUES (1, 'old-tag');
            """);

        await db.Database.MigrateAsync();

        var row = await db.Database.SqlQueryRaw<string>("SELECT title || '|' || outputs || '|' || tags AS Value FROM EntrySearch WHERE EntrySearch MATCH 'walrus AND lemur AND old'").SingleAsync();
        Assert.Equal("Old walrus topic| An old lemur summary.|old-tag", row);
    }

    [SqliteFact]
    public async Task StemmingMigration_OnAnExistingWiki_RebuildsBothIndexesAndGoesBackDown()
    {
        using var file = new SqliteMigrationFile(App, "StemmedSearch");
        await file.MigrateToBeforeAsync();
        var db = file.Db;
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Entries (Kind, Slug, Title, Visibility, Status, InReadme, Position, BodyMarkdown, BodyHtml, RevisionNumber, CreatedAt, UpdatedAt)
            VALUES ('Topic', 'old-one', 'Old walrus topic', 'Public', 'Active', 1, 1, 'Scaled oversight.', '', 1, 0, 0);
            INSERT INTO TopicOutputs (EntryId, Position, Url, Status, SummaryMarkdown, SummaryHtml, LinkNote) VALUES (1, 0, '', 'Published', 'Old lemur summaries.', '', '');
            INSERT INTO EntryTags (EntryId, Name) VALUES (1, 'old-tag');
            INSERT INTO CommentThreads (EntryId, RevisionNumber, OpenedByUserId, OpenedByName, CreatedAt) VALUES (1, 1, 'u', 'U', 0);
            INSERT INTO Comments (ThreadId, AuthorUserId, AuthorName, BodyMarkdown, BodyHtml, CreatedAt) VALUES (1, 'u', 'U', 'Lemurs scaling.', '', 0);
            """);
        const string Entry = "SELECT title || '|' || outputs || '|' || tags AS Value FROM EntrySearch WHERE EntrySearch MATCH {0}";
        const string Comment = "SELECT rowid || '|' || entry_id || '|' || thread_id AS Value FROM CommentSearch WHERE CommentSearch MATCH {0}";
        Assert.Empty(await db.Database.SqlQueryRaw<string>(Entry, "scaling").ToListAsync());

        await db.Database.MigrateAsync();

        Assert.Equal(["Old walrus topic| Old lemur summaries.|old-tag"], await db.Database.SqlQueryRaw<string>(Entry, "scaling AND lemur AND walrus").ToListAsync());
        Assert.Equal(["1|1|1"], await db.Database.SqlQueryRaw<string>(Comment, "scaled AND lemur").ToListAsync());
        Assert.Equal(["scale"], await db.Database.SqlQueryRaw<string>("SELECT term AS Value FROM CommentSearchWords WHERE term LIKE 'sca%'").ToListAsync());

        await file.MigrateToBeforeAsync();

        Assert.Empty(await db.Database.SqlQueryRaw<string>(Entry, "scaling").ToListAsync());
        Assert.Single(await db.Database.SqlQueryRaw<string>(Entry, "scaled AND lemur").ToListAsync());
        Assert.Equal(["1|1|1"], await db.Database.SqlQueryRaw<string>(Comment, "scaling AND lemurs").ToListAsync());
    }

    [DatabaseFact]
    public async Task Save_WithAttachments_IsFoundByTheirFileNamesAndAltText()
    {
        var mentor = (await App.Get<WikiUsers>().LoadAsync(Mentor))!;
        var store = App.Get<AttachmentStore>();
        var plot = (await store.UploadAsync(mentor, "goal", "quokka_tamarind.png", TestFiles.Png())).Attachment!;
        var notes = (await store.UploadAsync(mentor, "goal", "kumquat-notes.txt", "Raw numbers."u8.ToArray())).Attachment!;
        var goal = await EntryAsync("goal");

        Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().SaveAsync(Mentor, goal.Id, goal.RevisionNumber, new EntryInput(goal.Title,
            $"![Validation perplexity by model size]({AttachmentStore.UrlOf(plot)})\n\nThe [raw numbers]({AttachmentStore.UrlOf(notes)}).", goal.Visibility, goal.ProgramId, "figures")));

        Assert.Equal(["Goal"], await TitlesAsync("quokka"));
        Assert.Equal(["Goal"], await TitlesAsync("tamarind"));
        Assert.Equal(["Goal"], await TitlesAsync("kumquat"));
        Assert.Equal(["Goal"], await TitlesAsync("perplexity"));
    }

    [DatabaseFact]
    public async Task Search_WordWhoseStemPorterWouldStemAgain_IsFound()
    {
        // "accelerated" is indexed as "acceler", which Porter stems again to "accel": the words a long prefix
        // stands for must not be searched by such a stem, or this entry would not be found.
        var saved = await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput("Pace", "Research accelerated by agents.", Visibility.Public, null));
        Assert.IsType<SaveResult.Saved>(saved);

        Assert.Equal(["Pace"], await TitlesAsync("accelerated"));
        Assert.Equal(["Pace"], await TitlesAsync("acceleration"));
    }
}

[OnPostgres]
public sealed class SearchIndexOnPostgresTests : SearchIndexTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
