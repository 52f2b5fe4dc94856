using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Promisingness.Web.Data;

/// <summary>
/// Sets the per-connection pragmas: without busy_timeout, Microsoft.Data.Sqlite answers a busy database by
/// sleeping 150 ms at a time; synchronous=FULL makes an acknowledged save survive power loss. WAL is a property
/// of the file and is set once at start (DatabaseSetup).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 5000;
    private const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

    // Pragmas belong to SQLite's connection, which Microsoft.Data.Sqlite pools and hands out again under a new
    // SqliteConnection: they are set once per pooled handle, not on each of the many opens a page makes.
    private readonly ConditionalWeakTable<object, object> prepared = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsSet(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Remember(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!IsSet(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(connection);
        }
    }

    // Remembered only once they ran: a failed or cancelled PRAGMA leaves the handle to be set on its next open.
    private bool IsSet(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && prepared.TryGetValue(handle, out _);

    private void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            prepared.TryAdd(handle, handle);
        }
    }
}
