namespace Promisingness.Web.Data;

/// <summary>The OS file locks beside a SQLite database (ServingLock, MigrationLock): the kernel releases them however their process ends, even by SIGKILL.</summary>
internal static class ExclusiveFile
{
    /// <summary>The file opened and locked, or null when another process (or another opener in this one) holds it.</summary>
    public static FileStream? TryOpen(string path)
    {
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Linux, and a sharing lock on Windows.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
