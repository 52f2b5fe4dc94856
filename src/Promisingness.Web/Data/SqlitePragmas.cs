using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Promisingness.Web.Data;

/// <summary>
/// Sets the per-connection pragmas on every open: without busy_timeout, Microsoft.Data.Sqlite answers a
/// busy database by sleeping 150 ms at a time; synchronous=FULL makes an acknowledged save survive power loss.
/// WAL is a property of the file and is set once at start (DatabaseSetup).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 5000;
    private const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
