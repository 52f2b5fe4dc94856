using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Markdown;

namespace Promisingness.Web.Data;

internal static class DatabaseSetup
{
    /// <summary>Applies migrations; on SQLite also creates the data folder and checks the durability settings the wiki relies on.</summary>
    public static async Task MigrateAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<WikiDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (db.Database.IsPostgres())
        {
            // PostgreSQL's durability is the server's (fsync, synchronous_commit); there is no file to prepare.
            await MigrateAndMarkNewAsync(db);
            return;
        }
        var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        CreateDataFolder(path);
        using var migrating = await MigrationLock.AcquireAsync(path);
        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
            // Holding MigrationLock, any row in EF's own lock table was left by a migrator that died: EF would wait
            // for it forever. EF creates the table again when it takes its lock.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS \"__EFMigrationsLock\";");
            await MigrateAndMarkNewAsync(db);
            await AssertDurableAsync(db);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // A new database gets all its text from this version of the wiki: its HTML never needs rendering again for it.
    private static async Task MigrateAndMarkNewAsync(WikiDbContext db)
    {
        var isNew = !(await db.Database.GetAppliedMigrationsAsync()).Any();
        await db.Database.MigrateAsync();
        if (isNew)
        {
            db.Settings.Add(new WikiSetting { Key = WikiSetting.MarkdownOutputVersion, Value = MarkdownRenderer.OutputVersionText });
            await db.SaveChangesAsync();
        }
    }

    private static void CreateDataFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static async Task AssertDurableAsync(WikiDbContext db)
    {
        var journal = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync();
        var synchronous = await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync();
        // synchronous: 2 = FULL.
        if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != 2)
        {
            throw new InvalidOperationException($"SQLite must run with journal_mode=WAL and synchronous=FULL, but runs {journal} and {synchronous}.");
        }
    }
}
