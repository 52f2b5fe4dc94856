using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Promisingness.Web.Data;

/// <summary>
/// Lets this process's SQLite transactions begin one at a time. SQLite allows one writer; a second one that
/// finds the database locked is put to sleep by busy_timeout in steps of 1, 2, 5, 10 … ms, however soon the
/// lock is free again, so with many editors saving at once most saves sleep longer than the lock was held (bench/
/// scenario 7). Waiting here instead hands the lock over the moment the transaction before ends.
/// Another process (the command line importing) is still met by busy_timeout.
/// </summary>
internal sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor
{
    // A transaction that waits longer than this goes on to SQLite, whose busy_timeout then decides, as it did
    // before the gate: a holder that never lets go could stall writes, never stop them.
    private static readonly TimeSpan MostWait = TimeSpan.FromMilliseconds(SqlitePragmas.BusyTimeoutMilliseconds);

    private readonly SemaphoreSlim gate = new(1, 1);

    // The connections whose transaction holds the gate: released when it commits, rolls back, fails, or its
    // connection closes (a transaction disposed without either), and only once.
    private readonly ConcurrentDictionary<DbConnection, bool> holders = new();

    // The gate begins the transaction itself, so that a BEGIN that fails (another process holds the database past
    // busy_timeout) lets go of the gate at once: EF raises no event for it, and the connection may stay open.
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (result.HasResult || !gate.Wait(MostWait))
        {
            return result;
        }
        try
        {
            var transaction = connection.BeginTransaction(eventData.IsolationLevel);
            holders[connection] = true;
            return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (result.HasResult || !await gate.WaitAsync(MostWait, cancellationToken))
        {
            return result;
        }
        try
        {
            var transaction = await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken);
            holders[connection] = true;
            return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Release(eventData.Context);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Release(eventData.Context);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Release(eventData.Context);

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    // An ended transaction's own Connection is already null; its context still has the connection.
    private Task Release(DbContext? context) => context is null ? Task.CompletedTask : Release(context.Database.GetDbConnection());

    private Task Release(DbConnection connection)
    {
        if (holders.TryRemove(connection, out _))
        {
            gate.Release();
        }
        return Task.CompletedTask;
    }
}
