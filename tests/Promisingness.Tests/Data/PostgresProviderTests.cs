using System.Net;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.CommandLine;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Backup;

namespace Promisingness.Tests.Data;

/// <summary>What the wiki does differently on PostgreSQL: its health check, and the SQLite-only verbs refusing clearly.</summary>
[OnPostgres]
public sealed class PostgresProviderTests : IDisposable
{
    private readonly WikiApp app = WikiApp.On(DatabaseProvider.Postgres, seed: false);

    public void Dispose() => app.Dispose();

    [DatabaseFact]
    public async Task Healthz_OnPostgres_SaysHealthyUntilAMigrationIsMissing()
    {
        using (var response = await app.CreateClient().GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
        using (var db = app.CreateDbContext())
        {
            Assert.IsType<PostgresWikiDbContext>(db);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_Search'");
        }

        using var stale = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stale.StatusCode);
    }

    [DatabaseTheory]
    [InlineData("backup")]
    [InlineData("restore")]
    public async Task BackupAndRestore_OnPostgres_RefuseWithWhatToUseInstead(string verb)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await WikiCommandLine.RunAsync(app.Services, [verb, Path.Combine(Path.GetTempPath(), "never-written.db")], output, error);

        Assert.Equal(1, exit);
        Assert.Equal(DatabaseBackup.NotOnPostgres, error.ToString().Trim());
        Assert.Contains("pg_dump", error.ToString());
    }
}
