using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;

namespace Promisingness.Tests.Data;

/// <summary>
/// The pragmas are set once per pooled SQLite handle: every open, first or reused, must still see them, or a
/// busy database would answer with Microsoft.Data.Sqlite's 150 ms sleeps and a save could skip its fsync.
/// </summary>
public sealed class SqlitePragmasTests
{
    [Fact]
    public async Task EveryOpen_FreshOrFromThePool_HasTheWikisPragmas()
    {
        using var app = new WikiApp(seed: false);
        for (var open = 0; open < 4; open++)
        {
            if (open == 2)
            {
                // A brand-new SQLite handle after the pooled ones are gone.
                SqliteConnection.ClearAllPools();
            }
            await using var db = app.CreateDbContext();
            await db.Database.OpenConnectionAsync();
            Assert.Equal(5000, await PragmaAsync(db, "busy_timeout"));
            Assert.Equal(2, await PragmaAsync(db, "synchronous"));
            Assert.Equal(1, await PragmaAsync(db, "foreign_keys"));
        }
    }

    private static async Task<long> PragmaAsync(DbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
