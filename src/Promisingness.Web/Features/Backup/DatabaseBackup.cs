using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Backup;

public sealed record BackupResult(string Path, long Bytes, int Entries, int Revisions, TimeSpan Took)
{
    public override string ToString() => $"{Bytes:N0} bytes, {Entries} entries, {Revisions} revisions, in {Took.TotalMilliseconds:N0} ms";
}

/// <summary>A backup that cannot be restored, or a restore that must not run; nothing was changed.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Online backups through SQLite's backup API (a consistent snapshot taken while the wiki serves writes;
/// never a copy of the live file, whose WAL may hold acknowledged saves), and restoring one into a
/// stopped wiki.
/// </summary>
public sealed class DatabaseBackup(IDbContextFactory<WikiDbContext> dbFactory, Audit audit, DatabaseChoice database)
{
    /// <summary>Why backup and restore refuse on PostgreSQL: they copy SQLite's file, and PostgreSQL has its own tools.</summary>
    public const string NotOnPostgres =
        "Backup and restore copy the SQLite database file; this wiki runs on PostgreSQL. Use pg_dump and pg_restore, or export --json and import --json (docs/DATABASES.md).";

    /// <summary>False on PostgreSQL, where the callers answer with <see cref="NotOnPostgres"/>.</summary>
    public bool Available => database.Provider == DatabaseProvider.Sqlite;

    private readonly Lazy<string> liveConnectionString = new(() =>
    {
        using var db = dbFactory.CreateDbContext();
        return db.Database.GetConnectionString() ?? throw new InvalidOperationException("The wiki has no connection string.");
    });

    /// <summary>The full path of the live database file.</summary>
    public string DatabasePath => Path.GetFullPath(new SqliteConnectionStringBuilder(liveConnectionString.Value).DataSource);

    /// <summary>Writes a checked, self-contained copy of the live database to <paramref name="destination"/>.</summary>
    public async Task<BackupResult> WriteAsync(string destination, WikiUser actor, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        var folder = Path.GetDirectoryName(Path.GetFullPath(destination));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        // Written beside the target and moved over it, so a failed backup never leaves half a file.
        var partial = destination + ".partial";
        File.Delete(partial);
        await Task.Run(() =>
        {
            using var source = Open(new SqliteConnectionStringBuilder(liveConnectionString.Value));
            using var target = OpenFile(partial, createIfMissing: true);
            // One step (-1) copies every page under a single read transaction: a consistent snapshot,
            // while WAL lets the wiki keep writing.
            source.BackupDatabase(target);
            // A backup is one file, out of WAL: it can be downloaded, mailed and opened on its own.
            Execute(target, "PRAGMA journal_mode = DELETE;");
            ThrowUnlessIntact(target, destination);
        }, cancellationToken);
        File.Move(partial, destination, overwrite: true);

        var (entries, revisions) = Count(destination);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            audit.Add(db, actor, AuditActions.BackupTaken, $"{Path.GetFileName(destination)}: {entries} entries, {revisions} revisions");
            await db.SaveChangesAsync(cancellationToken);
        }
        return new BackupResult(destination, new FileInfo(destination).Length, entries, revisions, started.Elapsed);
    }

    /// <summary>
    /// Puts a backup in place of the live database, which must not be served meanwhile. The backup is
    /// checked first; the database it replaces is kept beside it. Returns where the old one went.
    /// </summary>
    public async Task<string?> RestoreAsync(string backupFile, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(backupFile))
        {
            throw new BackupException($"There is no file {Path.GetFullPath(backupFile)}.");
        }
        Inspect(backupFile);
        var live = DatabasePath;
        Directory.CreateDirectory(Path.GetDirectoryName(live)!);
        using var serving = ServingLock.TryAcquire(live)
            ?? throw new BackupException($"The wiki is running on {live}: stop it, then restore.");

        var incoming = live + ".restoring";
        DeleteWithCompanions(incoming);
        await Task.Run(() =>
        {
            using var source = OpenFile(backupFile);
            using var target = OpenFile(incoming, createIfMissing: true);
            source.BackupDatabase(target);
            ThrowUnlessIntact(target, backupFile);
        }, cancellationToken);

        // The old database goes aside with its WAL: a WAL left beside the restored file would be replayed into it.
        string? previous = null;
        if (File.Exists(live))
        {
            previous = $"{live}.before-restore-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
            foreach (var suffix in Companions)
            {
                if (File.Exists(live + suffix))
                {
                    File.Move(live + suffix, previous + suffix);
                }
            }
        }
        File.Move(incoming, live);
        return previous;
    }

    /// <summary>PRAGMA integrity_check of a database file: "ok", or the problems it found.</summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = OpenFile(path);
        return IntegrityCheck(connection);
    }

    private static readonly string[] Companions = ["", "-wal", "-shm"];

    private static void Inspect(string backupFile)
    {
        var name = Path.GetFileName(backupFile);
        try
        {
            using var connection = OpenFile(backupFile);
            var integrity = IntegrityCheck(connection);
            if (integrity != "ok")
            {
                throw new BackupException($"{name} is damaged (integrity_check: {integrity}). Nothing was restored.");
            }
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'Entries', 'Revisions', 'AspNetUsers')";
            if (Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 4)
            {
                throw new BackupException($"{name} is a SQLite database but not a backup of this wiki. Nothing was restored.");
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11)
        {
            // 26 = SQLITE_NOTADB, 11 = SQLITE_CORRUPT.
            throw new BackupException($"{name} is not a SQLite database, or is damaged ({e.SqliteErrorCode}). Nothing was restored.");
        }
    }

    private static (int Entries, int Revisions) Count(string path)
    {
        using var connection = OpenFile(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM Entries), (SELECT count(*) FROM Revisions)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static void ThrowUnlessIntact(SqliteConnection connection, string name)
    {
        var integrity = IntegrityCheck(connection);
        if (integrity != "ok")
        {
            throw new BackupException($"The copy of {Path.GetFileName(name)} failed its integrity check: {integrity}");
        }
    }

    private static string IntegrityCheck(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check(20)";
        using var reader = command.ExecuteReader();
        var problems = new List<string>();
        while (reader.Read())
        {
            problems.Add(reader.GetString(0));
        }
        return string.Join("; ", problems);
    }

    private static SqliteConnection OpenFile(string path, bool createIfMissing = false) => Open(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = createIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
    });

    private static SqliteConnection Open(SqliteConnectionStringBuilder builder)
    {
        // Not pooled: a pooled connection would keep the file open (and a WAL beside it) after we are done.
        builder.Pooling = false;
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {SqlitePragmas.BusyTimeoutMilliseconds};");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void DeleteWithCompanions(string path)
    {
        foreach (var suffix in Companions)
        {
            File.Delete(path + suffix);
        }
    }
}
