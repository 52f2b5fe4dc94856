using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;

namespace Promisingness.Tests.Data;

/// <summary>
/// A wiki killed while migrating leaves EF's migration lock taken (a row in __EFMigrationsLock that only a living
/// process deletes). The next start must migrate, not wait for it forever (the crash test once did).
/// </summary>
public sealed class MigrationLockTests
{
    [Fact]
    public async Task AStart_AfterAMigratorWasKilled_MigratesInsteadOfWaitingForever()
    {
        var folder = Path.Combine(Path.GetTempPath(), "promisingness-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "wiki.db");
        await using (var connection = new SqliteConnection($"DataSource={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // EF's lock table, as EF creates it, with the row of a migrator that was killed before it released it.
            command.CommandText = """
                CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-11-27 18:00:00+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }

        using var app = new WikiApp(seed: false, databasePath: path);
        // Starting the app migrates; without the fix this never returns.
        await Task.Run(() => app.Services).WaitAsync(TimeSpan.FromSeconds(30));

        using var db = app.CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }
}
