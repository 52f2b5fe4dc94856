using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bench;

/// <summary>
/// Counts how often SQLite found the database locked by another writer. Before each command it replaces the
/// connection's busy handler (set by the app's PRAGMA busy_timeout = 5000) with one that waits exactly as
/// SQLite's own busy_timeout handler does (sqliteDefaultBusyCallback: 1, 2, 5, 10 … 100 ms steps up to the
/// timeout) and counts each wait and the time slept, overall and for the save running on this async flow.
/// </summary>
internal sealed class BusyCounter : DbCommandInterceptor
{
    // SQLitePCLRaw 2.1 does not expose sqlite3_busy_handler; the bundled library does. The delegate lives as long as the process.
    private static readonly BusyCallback Handler = OnBusy;

    private static readonly int[] Delays = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];
    private static readonly int[] Totals = [0, 1, 3, 8, 18, 33, 53, 78, 103, 128, 178, 228];
    private static readonly AsyncLocal<Tally?> CurrentSave = new();
    private static long waits;
    private static long sleptMilliseconds;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyCallback(IntPtr userData, int count);

    public long Waits => Interlocked.Read(ref waits);
    public long SleptMilliseconds => Interlocked.Read(ref sleptMilliseconds);

    /// <summary>Counts the waits of the operation that runs on this async flow until the tally is read.</summary>
    public static Tally Track() => CurrentSave.Value = new Tally();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Install(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Install(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Install(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Install(command, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Install(command, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Install(command, result));

    [DllImport("e_sqlite3")]
    private static extern int sqlite3_busy_handler(IntPtr db, BusyCallback callback, IntPtr userData);

    private static T Install<T>(DbCommand command, T result)
    {
        if (command.Connection is SqliteConnection { Handle: { } handle })
        {
            _ = sqlite3_busy_handler(handle.DangerousGetHandle(), Handler, IntPtr.Zero);
        }
        return result;
    }

    private static int OnBusy(IntPtr userData, int count)
    {
        var delay = count < Delays.Length ? Delays[count] : 100;
        var prior = count < Delays.Length ? Totals[count] : Totals[^1] + (100 * (count - (Delays.Length - 1)));
        if (prior + delay > Data.SqlitePragmasTimeout)
        {
            delay = Data.SqlitePragmasTimeout - prior;
            if (delay <= 0)
            {
                return 0;
            }
        }
        Interlocked.Increment(ref waits);
        Interlocked.Add(ref sleptMilliseconds, delay);
        if (CurrentSave.Value is { } tally)
        {
            Interlocked.Increment(ref tally.Waits);
        }
        Thread.Sleep(delay);
        return 1;
    }

    private static class Data
    {
        public const int SqlitePragmasTimeout = Promisingness.Web.Data.SqlitePragmas.BusyTimeoutMilliseconds;
    }

    internal sealed class Tally
    {
        public int Waits;
    }
}
