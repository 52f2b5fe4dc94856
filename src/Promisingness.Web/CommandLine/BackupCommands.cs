using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Backup;
using Promisingness.Web.Security;

namespace Promisingness.Web.CommandLine;

/// <summary>backup FILE (while the wiki serves) and restore FILE (while it is stopped).</summary>
internal static class BackupCommands
{
    public static async Task<int> BackupAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var (positional, _) = Arguments.Parse(args);
        if (positional.Count != 1)
        {
            throw new UsageException("backup takes exactly one FILE.");
        }
        if (!services.GetRequiredService<DatabaseBackup>().Available)
        {
            await error.WriteLineAsync(DatabaseBackup.NotOnPostgres);
            return 1;
        }
        try
        {
            var result = await services.GetRequiredService<DatabaseBackup>().WriteAsync(positional[0], UserAdministration.CommandLine);
            await output.WriteLineAsync($"Backed up to {positional[0]}: {result} (integrity_check ok).");
            return 0;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException or SqliteException)
        {
            await error.WriteLineAsync($"Could not back up to {positional[0]}: {e.Message}");
            return 1;
        }
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var (positional, _) = Arguments.Parse(args);
        if (positional.Count != 1)
        {
            throw new UsageException("restore takes exactly one FILE.");
        }
        var backup = services.GetRequiredService<DatabaseBackup>();
        if (!backup.Available)
        {
            await error.WriteLineAsync(DatabaseBackup.NotOnPostgres);
            return 1;
        }
        string? previous;
        try
        {
            previous = await backup.RestoreAsync(positional[0]);
        }
        catch (BackupException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        // The restored file may predate the newest migrations: bring it up to date now, not at the next start.
        SqliteConnection.ClearAllPools();
        services.GetService<PreparedSqliteReads>()?.Clear();
        await DatabaseSetup.MigrateAsync(services);
        await using (var db = await services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync())
        {
            services.GetRequiredService<Audit>().Add(db, UserAdministration.CommandLine, AuditActions.Restored, $"Restored from {Path.GetFileName(positional[0])}");
            await db.SaveChangesAsync();
        }
        await output.WriteLineAsync($"Restored {backup.DatabasePath} from {positional[0]} (integrity_check ok).");
        if (previous is not null)
        {
            await output.WriteLineAsync($"The database it replaced is kept as {previous}.");
        }
        return 0;
    }
}
