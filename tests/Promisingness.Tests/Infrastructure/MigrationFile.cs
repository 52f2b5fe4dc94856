using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Promisingness.Web.Data;

namespace Promisingness.Tests.Infrastructure;

/// <summary>A SQLite file of its own, migrated to just before one migration: what that migration does to old rows is tested on it.</summary>
public static class MigrationFile
{
    /// <summary>Runs <paramref name="test"/> with the context on the file and the name of the migration before <paramref name="migration"/>.</summary>
    public static async Task RunAsync(WikiApp app, string migration, Func<WikiDbContext, string, Task> test)
    {
        var path = Path.Combine(Path.GetTempPath(), $"promisingness-{migration}-{Guid.NewGuid():N}.db");
        try
        {
            using var db = app.CreateDbContext();
            db.Database.SetConnectionString($"DataSource={path}");
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_" + migration, StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            await test(db, before);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
