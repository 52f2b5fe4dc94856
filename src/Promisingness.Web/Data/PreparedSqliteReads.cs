using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Promisingness.Web.Data;

/// <summary>
/// Runs the wiki's queries outside a transaction on read-only connections kept open, each keeping its statements
/// prepared, so that SQLite parses and plans a query once per connection rather than at every execution.
/// Microsoft.Data.Sqlite finalises a connection's statements when it closes, and EF closes its connection after each
/// query and creates a new command for each execution, so without this every page view compiled every statement it ran.
/// A query inside a transaction (a save's reads, which must see its own writes) and anything that is not a LINQ query
/// (writes, migrations, raw SQL) run on EF's own connection as before. Reads in WAL mode see every committed write,
/// whichever connection made it.
/// </summary>
internal sealed class PreparedSqliteReads : DbCommandInterceptor, IDisposable
{
    // Connections beyond this many are closed when their reader is done: a burst does not keep them all.
    private static readonly int MostKept = Math.Max(8, Environment.ProcessorCount * 4);

    // Kept connections by the database they read: the connection string of EF's connection. One process may open
    // more than one database (a command-line verb reading a backup, tests migrating a file of their own).
    private readonly ConcurrentDictionary<string, ConcurrentBag<ReadConnection>> idle = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<DbDataReader, ReadConnection> reading = new(ReferenceEqualityComparer.Instance);
    private volatile bool disposed;

    /// <summary>How many statements have been prepared, for tests: a query run again is not prepared again.</summary>
    internal int Prepared => prepared;

    private int prepared;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Applies(command, eventData, result) ? InterceptionResult<DbDataReader>.SuppressWithResult(Execute(command)) : result;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ReaderExecuting(command, eventData, result));
    }

    // EF has closed the reader by now (RelationalDataReader closes it before it reports the disposal), so its
    // statements are reset and the connection can serve the next query.
    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (reading.TryRemove(eventData.DataReader, out var connection))
        {
            eventData.DataReader.Dispose();
            GiveBack(connection);
        }
        return result;
    }

    private bool Applies(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        !disposed && !result.HasResult && eventData.CommandSource == CommandSource.LinqQuery && command.Transaction is null && command is SqliteCommand;

    private SqliteDataReader Execute(DbCommand command)
    {
        var connection = Rent(command.Connection!.ConnectionString);
        try
        {
            var reader = connection.Execute((SqliteCommand)command, ref prepared);
            reading[reader] = connection;
            return reader;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private ReadConnection Rent(string database)
    {
        var kept = idle.GetOrAdd(database, _ => []);
        if (kept.TryTake(out var connection))
        {
            return connection;
        }
        var opened = new SqliteConnection(new SqliteConnectionStringBuilder(database) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        opened.Open();
        using (var pragma = opened.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA busy_timeout = {SqlitePragmas.BusyTimeoutMilliseconds};";
            pragma.ExecuteNonQuery();
        }
        return new ReadConnection(opened, kept);
    }

    private void GiveBack(ReadConnection connection)
    {
        if (disposed || connection.Kept.Count >= MostKept)
        {
            connection.Dispose();
            return;
        }
        connection.Kept.Add(connection);
        if (disposed && connection.Kept.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    /// <summary>Closes the kept connections: at shutdown, and before the database file is replaced (a restore).</summary>
    public void Clear()
    {
        foreach (var kept in idle.Values)
        {
            while (kept.TryTake(out var connection))
            {
                connection.Dispose();
            }
        }
    }

    public void Dispose()
    {
        disposed = true;
        Clear();
    }

    /// <summary>One kept connection and the commands it has prepared, by their text.</summary>
    private sealed class ReadConnection(SqliteConnection connection, ConcurrentBag<ReadConnection> kept) : IDisposable
    {
        /// <summary>Where it goes back to when its reader is done.</summary>
        public ConcurrentBag<ReadConnection> Kept { get; } = kept;

        // A bound on the statements kept per connection: queries built at run time (an IN list's length) can vary.
        private const int MostStatements = 200;

        private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

        public SqliteDataReader Execute(SqliteCommand command, ref int prepared)
        {
            if (!commands.TryGetValue(command.CommandText, out var kept))
            {
                if (commands.Count >= MostStatements)
                {
                    DisposeCommands();
                }
                kept = connection.CreateCommand();
                kept.CommandText = command.CommandText;
                kept.Prepare();
                commands[command.CommandText] = kept;
                Interlocked.Increment(ref prepared);
            }
            kept.Parameters.Clear();
            // EF's own parameters, as EF made them: Microsoft.Data.Sqlite binds them at each execution.
            foreach (SqliteParameter parameter in command.Parameters)
            {
                kept.Parameters.Add(parameter);
            }
            kept.CommandTimeout = command.CommandTimeout;
            return kept.ExecuteReader(CommandBehavior.Default);
        }

        private void DisposeCommands()
        {
            foreach (var command in commands.Values)
            {
                command.Dispose();
            }
            commands.Clear();
        }

        public void Dispose()
        {
            DisposeCommands();
            connection.Dispose();
        }
    }
}
