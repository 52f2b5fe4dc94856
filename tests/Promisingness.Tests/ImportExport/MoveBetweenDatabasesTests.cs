using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Features.Search;

namespace Promisingness.Tests.ImportExport;

/// <summary>
/// A wiki moves from SQLite to PostgreSQL and back through the JSON archive (what export --json and
/// import --json run), and nothing is lost: every export along the way has the same bytes.
/// </summary>
[OnPostgres]
public sealed class MoveBetweenDatabasesTests : MentorAppTest
{
    private static async Task<WikiApp> EmptyAsync(DatabaseProvider provider)
    {
        var app = WikiApp.On(provider, seed: false);
        using var db = app.CreateDbContext();
        // The test host creates an admin on start; a database made by the command line has none.
        await db.Users.ExecuteDeleteAsync();
        return app;
    }

    [DatabaseFact]
    public async Task SqliteToPostgresAndBack_ExportsTheSameBytes_AndThePostgresWikiWorks()
    {
        await JsonArchiveTests.FillAsync(App, Mentor);
        var fromSqlite = await JsonArchiveTests.ExportAsync(App);

        using var postgres = await EmptyAsync(DatabaseProvider.Postgres);
        await postgres.Get<JsonArchive>().RestoreAsync(new MemoryStream(fromSqlite), UserAdministration.CommandLine, "from-sqlite.json");
        var fromPostgres = await JsonArchiveTests.ExportAsync(postgres);

        using var sqliteAgain = await EmptyAsync(DatabaseProvider.Sqlite);
        await sqliteAgain.Get<JsonArchive>().RestoreAsync(new MemoryStream(fromPostgres), UserAdministration.CommandLine, "from-postgres.json");
        var backOnSqlite = await JsonArchiveTests.ExportAsync(sqliteAgain);

        // The same bytes but for the audit row each import adds (the last activities).
        var original = System.Text.Json.Nodes.JsonNode.Parse(fromSqlite)!.ToJsonString();
        Assert.Equal(original, JsonArchiveTests.WithoutImportRows(fromPostgres, imports: 1));
        Assert.Equal(original, JsonArchiveTests.WithoutImportRows(backOnSqlite, imports: 2));

        // The moved wiki is searchable (the index is rebuilt by the triggers) and takes new rows after the
        // restored ids.
        var found = await postgres.Get<SearchService>().SearchAsync(new SearchRequest("\"chain of thought\""), null);
        Assert.Contains(found.Hits, h => h.Url == "topics/theoretical-chain-of-thought");
        var created = await postgres.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput("After the move", "Written on PostgreSQL.", Visibility.Public, null));
        Assert.IsType<SaveResult.Saved>(created);
        await Members.SignInAsync(postgres, $"mentor-{nameof(MoveBetweenDatabasesTests)}@test.local".ToLowerInvariant());
    }
}
