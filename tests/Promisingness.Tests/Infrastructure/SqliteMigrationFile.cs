using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Promisingness.Web.Data;

namespace Promisingness.Tests.Infrastructure;

/// <summary>
/// A SQLite file of its own for a test of what one migration does to an existing wiki: migrated to just before
/// that migration, filled by the test with raw SQL of that time, then migrated on (and back). The context is
/// the app's (its model and migrations); the file is deleted at the end.
/// </summary>
public sealed class SqliteMigrationFile : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"promisingness-migration-{Guid.NewGuid():N}.db");

    public SqliteMigrationFile(WikiApp app, string migration)
    {
        Db = app.CreateDbContext();
        Db.Database.SetConnectionString($"DataSource={path}");
        var migrations = Db.Database.GetMigrations().ToList();
        Before = migrations[migrations.FindIndex(m => m.EndsWith("_" + migration, StringComparison.Ordinal)) - 1];
    }

    public WikiDbContext Db { get; }

    /// <summary>The migration just before the one under test.</summary>
    public string Before { get; }

    /// <summary>Up to <see cref="Before"/> on a new file; down to it after the test migrated on.</summary>
    public Task MigrateToBeforeAsync() => Db.GetService<IMigrator>().MigrateAsync(Before);

    /// <summary>Runs <paramref name="test"/> with the context on a new file migrated to just before <paramref name="migration"/>, and that migration's predecessor.</summary>
    public static async Task RunAsync(WikiApp app, string migration, Func<WikiDbContext, string, Task> test)
    {
        using var file = new SqliteMigrationFile(app, migration);
        await file.MigrateToBeforeAsync();
        await test(file.Db, file.Before);
    }

    public void Dispose()
    {
        Db.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}
