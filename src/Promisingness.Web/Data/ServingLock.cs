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
    public static ServingLock? TryAcquire(string databasePath)
    {
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Linux, and a sharing lock on Windows.
            return new ServingLock(new FileStream(PathFor(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => file.Dispose();
}
