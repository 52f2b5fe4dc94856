using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;

namespace Promisingness.Tests.Data;

/// <summary>
/// Write transactions of one process take turns at the gate instead of meeting SQLite's lock, where busy_timeout
/// would put them to sleep.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly WikiApp app = new(seed: false);

    public SqliteWriteGateTests()
    {
        using var db = Context(gate: null);
        db.Database.ExecuteSqlRaw("CREATE TABLE GateProbe (Writer INTEGER NOT NULL)");
    }

    public void Dispose() => app.Dispose();

    /// <summary>
    /// With busy_timeout at 0, a writer that meets SQLite's lock is put to sleep by Microsoft.Data.Sqlite before it
    /// tries again. Asserted as what the gate does, not as a time (which a busy machine stretches): no two write
    /// transactions are ever open at once, so none can meet the lock.
    /// </summary>
    [Fact]
    public async Task ManyWritersAtOnce_TakeTurnsWithoutMeetingTheLock()
    {
        var gate = new SqliteWriteGate();
        var open = new OpenTransactions();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(writer => Task.Run(() => WriteSlowlyAsync(gate, writer, watch: open))));

        Assert.Equal(1, open.Most);
        await using var db = Context(gate);
        Assert.Equal(12, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM GateProbe").SingleAsync());
    }

    /// <summary>How many write transactions were open at once, at most (counted inside the gate's turn).</summary>
    private sealed class OpenTransactions : DbTransactionInterceptor
    {
        private int now;
        private int most;

        public int Most => most;

        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            var open = Interlocked.Increment(ref now);
            int seen;
            while (open > (seen = most) && Interlocked.CompareExchange(ref most, open, seen) != seen)
            {
            }
            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Decrement(ref now);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task ATransactionLeftWithoutCommitOrRollback_LetsTheNextOneIn()
    {
        // The app's own pooled contexts and gate.
        await using (var db = app.CreateDbContext())
        {
            var abandoned = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO GateProbe VALUES (1)");
            // Neither committed nor rolled back: the context goes back to the pool.
            GC.KeepAlive(abandoned);
        }

        await AssertTheNextWriterGetsInAsync(async () =>
        {
            await using var db = app.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO GateProbe VALUES (2)");
            await transaction.CommitAsync();
        });
    }

    [Fact]
    public async Task ABeginThatFindsAnotherProcessHoldingTheDatabase_FailsAndLetsTheNextOneIn()
    {
        var gate = new SqliteWriteGate();
        await using (var otherProcess = new SqliteConnection($"DataSource={app.DatabasePath};Pooling=False"))
        {
            await otherProcess.OpenAsync();
            await using var begin = otherProcess.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();

            // Microsoft.Data.Sqlite retries a busy BEGIN until the command timeout, here a second.
            await Assert.ThrowsAsync<SqliteException>(() => WriteSlowlyAsync(gate, 1, ";Default Timeout=1"));
        }

        await AssertTheNextWriterGetsInAsync(() => WriteSlowlyAsync(gate, 2));
    }

    // A gate still held would keep the next writer waiting its full 5 s.
    private static async Task AssertTheNextWriterGetsInAsync(Func<Task> write)
    {
        var next = write();
        Assert.Same(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(3))));
        await next;
    }

    private async Task WriteSlowlyAsync(SqliteWriteGate? gate, int writer, string connectionOptions = "", DbTransactionInterceptor? watch = null)
    {
        await using var db = Context(gate, connectionOptions, watch);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("INSERT INTO GateProbe VALUES ({0})", writer);
        // Hold the write lock a while, as a save rendering Markdown and updating the search index does.
        await Task.Delay(10);
        await transaction.CommitAsync();
    }

    private SqliteWikiDbContext Context(SqliteWriteGate? gate, string connectionOptions = "", DbTransactionInterceptor? watch = null)
    {
        // The watch comes before the gate: its count goes down at a commit before the gate lets the next writer in.
        IInterceptor[] interceptors = gate is null ? [new NoBusyWait()] : watch is null ? [new NoBusyWait(), gate] : [new NoBusyWait(), watch, gate];
        var options = new DbContextOptionsBuilder<SqliteWikiDbContext>()
            .UseSqlite($"DataSource={app.DatabasePath};Pooling=False{connectionOptions}")
            .AddInterceptors(interceptors);
        return new SqliteWikiDbContext(options.Options);
    }

    private sealed class NoBusyWait : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Set(connection);
            return Task.CompletedTask;
        }

        private static void Set(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 0";
            command.ExecuteNonQuery();
        }
    }
}
