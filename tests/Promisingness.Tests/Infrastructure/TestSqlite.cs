using Microsoft.Data.Sqlite;

namespace Promisingness.Tests.Infrastructure;

/// <summary>
/// SQLite files for WikiApps, copied from a template that this test run migrated (and seeded, when asked) once,
/// as TestPostgres does for databases: migrating a new file cost each of ~340 apps ~0.4 s of a 2-core machine.
/// </summary>
public static class TestSqlite
{
    private static readonly Lock Creating = new();
    private static readonly Dictionary<bool, string> Templates = [];

    /// <summary>Writes to <paramref name="path"/> a migrated database with the admin account (and the seed, when <paramref name="seed"/>).</summary>
    public static void CopyTemplate(bool seed, string path)
    {
        string? template;
        lock (Creating)
        {
            if (!Templates.TryGetValue(seed, out template))
            {
                template = Path.Combine(Path.GetTempPath(), "promisingness-tests", $"template-{Environment.ProcessId}-{(seed ? "seeded" : "empty")}.db");
                using (var app = new WikiApp(seed, databasePath: template))
                {
                    _ = app.Services; // Starts the app: migrations, the seed, the admin.
                }
                Templates[seed] = template;
                var created = template;
                // Held open for the run: closing the last connection to a WAL database checkpoints it and deletes the
                // WAL under an exclusive lock, which a copy starting at that moment met as "database is locked".
                var keeper = new SqliteConnection($"DataSource={created};Pooling=False");
                keeper.Open();
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    keeper.Dispose();
                    foreach (var file in new[] { created, created + "-wal", created + "-shm" })
                    {
                        File.Delete(file);
                    }
                };
            }
        }
        // Through SQLite's backup API, as the wiki's own backups go: a copy of the file could miss its WAL.
        using var source = new SqliteConnection($"DataSource={template};Pooling=False");
        using var target = new SqliteConnection($"DataSource={path};Pooling=False");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }
}
