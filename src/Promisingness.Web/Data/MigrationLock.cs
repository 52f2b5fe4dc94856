namespace Promisingness.Web.Data;

/// <summary>
/// An OS file lock beside a SQLite database, held while migrating it. EF serialises migrations with a row in
/// __EFMigrationsLock that only a living process deletes: a wiki killed while migrating (a deploy, a crash) left every
/// later start waiting for that row forever (the crash test found it). The kernel releases this lock however its
/// process ends, so whoever holds it knows that any such row is left over from a dead migrator.
/// </summary>
internal static class MigrationLock
{
    public static string PathFor(string databasePath) => databasePath + ".migrating";

    /// <summary>Waits for the lock: another process (a command run beside the server) may be migrating the same file.</summary>
    public static async Task<IDisposable> AcquireAsync(string databasePath, CancellationToken cancellationToken = default)
    {
        FileStream? file;
        while ((file = ExclusiveFile.TryOpen(PathFor(databasePath))) is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
        return file;
    }
}
