using Microsoft.Data.Sqlite;
using Promisingness.Web.Diagnostics;

namespace Promisingness.Web.Data;

/// <summary>
/// The ways the database itself can refuse a write that the user can do something about, in the words the
/// user reads. Anything else is a bug and goes to the error boundary with its reference.
/// </summary>
public static class DatabaseFaults
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Full = 13;

    /// <summary>
    /// What to tell the user about this failure, or null when it is not a database refusing a write.
    /// <paramref name="tryAgain"/> says how to send the text again where it is not the editor's Save.
    /// </summary>
    public static string? Describe(Exception exception, string tryAgain = "press Save again")
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException sqlite)
            {
                return (sqlite.SqliteErrorCode & 0xFF) switch
                {
                    Busy or Locked => $"The wiki's database is busy with other writes and did not answer in time, so nothing was saved. Your text is still here: wait a few seconds and {tryAgain}.",
                    Full => "The server's disk is full, so nothing was saved. Your text is still here: copy it somewhere safe, and tell an admin (with the reference below) so they can free space.",
                    ReadOnly or IoError => "The server could not write to its database, so nothing was saved. Your text is still here: copy it somewhere safe, and tell an admin (with the reference below).",
                    _ => null,
                };
            }
        }
        return null;
    }

    /// <summary>
    /// For a write the database refused: what to tell the member and a new reference, with the exception logged
    /// under that reference. Null when the exception is not such a refusal (a bug: the error boundary's business).
    /// </summary>
    public static WriteFailure? Report(Exception exception, ILogger logger, string what, string tryAgain = "press Save again")
    {
        if (Describe(exception, tryAgain) is not { } message)
        {
            return null;
        }
        var reference = FailureReference.New();
        logger.LogError(exception, "{What} failed in the database; the member was shown reference {Reference}", what, reference);
        return new WriteFailure(message, reference);
    }
}

/// <summary>A write the database refused, as the member reads it, and the reference the log holds.</summary>
public sealed record WriteFailure(string Message, string Reference);

