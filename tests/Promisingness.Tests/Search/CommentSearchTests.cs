using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Search;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Search;

/// <summary>Members find entries by their discussion; nobody else ever matches on comment text.</summary>
public class CommentSearchTests : MentorAppTest
{
    private async Task<int> GoalAsync()
    {
        using var db = App.CreateDbContext();
        return await db.Entries.Where(e => e.Slug == "goal").Select(e => e.Id).SingleAsync();
    }

    private async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, string? userId) => await SearchAsync(new SearchRequest(text), userId);

    private async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, string? userId)
    {
        var reader = userId is null ? null : await App.Get<WikiUsers>().LoadAsync(userId);
        return (await App.Get<SearchService>().SearchAsync(request, reader)).Hits;
    }

    [DatabaseFact]
    public async Task Member_FindsAnEntryByAWordOnlyInItsDiscussion_WithTheCommentAsSnippetAndALinkToTheThread()
    {
        var thread = await App.Get<Discussions>().OpenAsync(Mentor, await GoalAsync(), "Compare with the axolotl benchmark.", null);
        var researcher = await Members.AddAsync(App, "r@test.local", Roles.Researcher, Members.Mars);

        var hit = Assert.Single(await SearchAsync("axolotl", researcher));

        Assert.Equal($"pages/goal#thread-{thread.Id}", hit.Url);
        Assert.Equal("In the discussion: ", hit.Snippet[0].Text);
        Assert.Contains(hit.Snippet, p => p.Marked && p.Text.Equals("axolotl", StringComparison.OrdinalIgnoreCase));
        Assert.Single(await SearchAsync("axol", researcher));
    }

    [DatabaseFact]
    public async Task Member_FindsADiscussionByAnotherFormOfItsWords()
    {
        await App.Get<Discussions>().OpenAsync(Mentor, await GoalAsync(), "Is the axolotl benchmark scalable?", null);
        var researcher = await Members.AddAsync(App, "r@test.local", Roles.Researcher, Members.Mars);

        var hit = Assert.Single(await SearchAsync("axolotls scaling", researcher));

        Assert.Contains(hit.Snippet, p => p.Marked && p.Text == "scalable");
    }

    [DatabaseFact]
    public async Task Anonymous_NeverMatchesOnCommentText_AlsoOverHttp()
    {
        await App.Get<Discussions>().OpenAsync(Mentor, await GoalAsync(), "Compare with the axolotl benchmark.", null);

        Assert.Empty(await SearchAsync("axolotl", null));
        var page = new HtmlParser().ParseDocument(await App.CreateClient().GetStringAsync("/search?q=axolotl"));
        Assert.Empty(page.QuerySelectorAll(".search-result"));
        Assert.DoesNotContain("axolotl benchmark", page.Body!.TextContent);
    }

    [DatabaseFact]
    public async Task Researcher_DoesNotFindACommentOnADraftTheyMayNotRead()
    {
        var draft = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput("Mentor's notes", "private", Visibility.Draft, null)));
        await App.Get<Discussions>().OpenAsync(Mentor, draft.EntryId, "The pangolin plan.", null);
        var researcher = await Members.AddAsync(App, "r@test.local", Roles.Researcher, Members.Mars);

        Assert.Empty(await SearchAsync("pangolin", researcher));
        Assert.Single(await SearchAsync("pangolin", Mentor));
    }

    [DatabaseFact]
    public async Task DeletedAndEditedComments_AreFoundByWhatTheySayNow()
    {
        var discussions = App.Get<Discussions>();
        var goal = await GoalAsync();
        await discussions.OpenAsync(Mentor, goal, "First thought about narwhals.", null);
        var mentor = await App.Get<WikiUsers>().LoadAsync(Mentor);
        var comment = (await discussions.ThreadsAsync(goal, mentor))[0].Comments[0].Id;

        await discussions.EditAsync(Mentor, comment, "Second thought about walruses.");
        Assert.Empty(await SearchAsync("narwhals", Mentor));
        Assert.Single(await SearchAsync("walruses", Mentor));

        await discussions.DeleteAsync(Mentor, comment);
        Assert.Empty(await SearchAsync("walruses", Mentor));
    }

    [DatabaseTheory]
    [InlineData("\"axolotl")]
    [InlineData("axolotl*) OR (")]
    [InlineData("NEAR(axolotl benchmark)")]
    [InlineData("'; DROP TABLE Comments; --")]
    public async Task HostileInput_OverComments_GivesResultsOrNone(string text)
    {
        await App.Get<Discussions>().OpenAsync(Mentor, await GoalAsync(), "Compare with the axolotl benchmark.", null);

        var hits = await SearchAsync(text, Mentor);

        Assert.True(hits.Count <= 1);
        using var db = App.CreateDbContext();
        Assert.Equal(1, await db.Comments.CountAsync());
    }

    [DatabaseFact]
    public async Task LockedMember_NeverMatchesOnCommentText()
    {
        await App.Get<Discussions>().OpenAsync(Mentor, await GoalAsync(), "Compare with the axolotl benchmark.", null);
        var researcher = await App.Get<WikiUsers>().LoadAsync(await Members.AddAsync(App, "r@test.local", Roles.Researcher, Members.Mars));

        var results = await App.Get<SearchService>().SearchAsync(new SearchRequest("axolotl"), researcher! with { Locked = true });

        Assert.Empty(results.Hits);
    }

    [DatabaseFact]
    public async Task Member_LongPrefixOfAWordOnlyInComments_FindsIt()
    {
        // Longer than the prefix indexes: expanded from the comments' own words, which no entry holds.
        await App.Get<Discussions>().OpenAsync(Mentor, await GoalAsync(), "Compare with the axolotl benchmark.", null);

        var hit = Assert.Single(await SearchAsync("axolot", Mentor));

        Assert.Contains(hit.Snippet, p => p.Marked && p.Text == "axolotl");
    }

    [DatabaseFact]
    public async Task Member_EntryWithSeveralMatchingThreads_LinksToTheBestMatch()
    {
        var discussions = App.Get<Discussions>();
        var goal = await GoalAsync();
        var best = await discussions.OpenAsync(Mentor, goal, "Quetzal, quetzal, quetzal.", null);
        await discussions.OpenAsync(Mentor, goal, "A long remark on many things, of which the quetzal is only one among the birds, plans and budgets we discussed.", null);

        var hit = Assert.Single(await SearchAsync("quetzal", Mentor));

        Assert.EndsWith($"#thread-{best.Id}", hit.Url);
    }

    [DatabaseFact]
    public async Task Member_Filters_ApplyToEntriesFoundByTheirDiscussion()
    {
        await App.Get<Discussions>().OpenAsync(Mentor, await GoalAsync(), "Compare with the axolotl benchmark.", null);

        Assert.Single(await SearchAsync(new SearchRequest("axolotl", Kind: EntryKind.Page), Mentor));
        Assert.Empty(await SearchAsync(new SearchRequest("axolotl", Kind: EntryKind.Topic), Mentor));
    }

    [SqliteFact]
    public async Task Member_FindsAReadableDiscussion_HoweverManyUnreadableOnesMatchToo()
    {
        // More matching discussions on drafts the researcher may not read than search looks at: the read
        // rule has to come before that limit, or the one readable entry is crowded out.
        using (var db = App.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {SearchService.CandidateLimit + 1})
                INSERT INTO Entries (Kind, Slug, Title, Visibility, Status, InReadme, Position, BodyMarkdown, BodyHtml, RevisionNumber, CreatedAt, UpdatedAt)
                SELECT 'Page', 'hidden-' || i, 'Hidden ' || i, 'Draft', 'Active', 0, 0, '', '', 1, 0, 0 FROM n;
                INSERT INTO CommentThreads (EntryId, RevisionNumber, OpenedByUserId, OpenedByName, CreatedAt)
                SELECT Id, 1, 'someone', 'Someone', 0 FROM Entries WHERE Slug LIKE 'hidden-%';
                INSERT INTO Comments (ThreadId, AuthorUserId, AuthorName, BodyMarkdown, BodyHtml, CreatedAt)
                SELECT t.Id, 'someone', 'Someone', 'A quetzal sighting.', '', 0 FROM CommentThreads t JOIN Entries e ON e.Id = t.EntryId WHERE e.Slug LIKE 'hidden-%';
                """);
        }
        await App.Get<Discussions>().OpenAsync(Mentor, await GoalAsync(), "The quetzal again.", null);
        var researcher = await Members.AddAsync(App, "r@test.local", Roles.Researcher, Members.Mars);

        var hit = Assert.Single(await SearchAsync("quetzal", researcher));

        Assert.StartsWith("pages/goal#thread-", hit.Url);
    }

    [DatabaseFact]
    public async Task Get_Search_Member_LinksTheResultToItsThread()
    {
        var thread = await App.Get<Discussions>().OpenAsync(Mentor, await GoalAsync(), "Compare with the axolotl benchmark.", null);
        await Members.AddAsync(App, "r@test.local", Roles.Researcher, Members.Mars);
        var client = await Members.SignInAsync(App, "r@test.local");

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/search?q=axolotl"));

        var result = Assert.Single(page.QuerySelectorAll(".search-result"));
        Assert.Equal($"pages/goal#thread-{thread.Id}", result.QuerySelector("h2 a")?.GetAttribute("href"));
        Assert.StartsWith("In the discussion:", result.QuerySelector(".search-result__snippet")?.TextContent.Trim());
        Assert.Equal("axolotl", result.QuerySelector(".search-result__snippet mark")?.TextContent);
    }

    [SqliteFact]
    public async Task Migration_OnAnExistingWiki_IndexesLiveCommentsAndGoesBackDown()
    {
        using var file = new SqliteMigrationFile(App, "CommentSearch");
        await file.MigrateToBeforeAsync();
        var db = file.Db;
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Entries (Kind, Slug, Title, Visibility, Status, InReadme, Position, BodyMarkdown, BodyHtml, RevisionNumber, CreatedAt, UpdatedAt)
            VALUES ('Page', 'old-one', 'Old page', 'Public', 'Active', 1, 1, 'Body.', '', 1, 0, 0);
            INSERT INTO CommentThreads (EntryId, RevisionNumber, OpenedByUserId, OpenedByName, CreatedAt) VALUES (1, 1, 'u', 'U', 0);
            INSERT INTO Comments (ThreadId, AuthorUserId, AuthorName, BodyMarkdown, BodyHtml, CreatedAt) VALUES (1, 'u', 'U', 'An old walrus remark.', '', 0);
            INSERT INTO Comments (ThreadId, AuthorUserId, AuthorName, BodyMarkdown, BodyHtml, CreatedAt, DeletedAt) VALUES (1, 'u', 'U', '', '', 0, 1);
            """);

        await db.Database.MigrateAsync();

        Assert.Equal(["1|1|1"], await db.Database.SqlQueryRaw<string>(
            "SELECT rowid || '|' || entry_id || '|' || thread_id AS Value FROM CommentSearch WHERE CommentSearch MATCH 'walrus'").ToListAsync());
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM CommentSearch").SingleAsync());
        Assert.Equal(["walru"], await db.Database.SqlQueryRaw<string>("SELECT term AS Value FROM CommentSearchWords WHERE term LIKE 'wal%'").ToListAsync());

        await file.MigrateToBeforeAsync();

        Assert.Empty(await db.Database.SqlQueryRaw<string>(
            "SELECT name AS Value FROM sqlite_master WHERE name LIKE 'CommentSearch%'").ToListAsync());
    }
}

[OnPostgres]
public sealed class CommentSearchOnPostgresTests : CommentSearchTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
