namespace Promisingness.Web.Data;

/// <summary>
/// An OS file lock beside the database, held while a server serves it, so that a restore can tell that
/// the wiki is still running. The kernel releases it when the process ends, even by SIGKILL.
/// </summary>
internal sealed class ServingLock : IDisposable
{
    private readonly FileStream file;

    private ServingLock(FileStream file) => this.file = file;

    public static string PathFor(string databasePath) => databasePath + ".serving";

    /// <summary>The lock, or null when another process (or another server in this one) holds it.</summary>
    public static ServingLock? TryAcquire(string databasePath) =>
        ExclusiveFile.TryOpen(PathFor(databasePath)) is { } file ? new ServingLock(file) : null;

    public void Dispose() => file.Dispose();
}
