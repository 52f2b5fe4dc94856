using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Promisingness.Web.Data;

/// <summary>
/// Makes the wiki's SQLite connections without EF Core's helper functions. The provider gives every connection it
/// creates seven functions, four aggregates and a collation (regexp and decimal arithmetic), and Microsoft.Data.Sqlite
/// registers them again at each open of the pooled handle and removes them at each close: 23 native calls with their
/// allocations around every query, a visible part of an uncached page (bench/ scenario 2). The wiki stores no decimal
/// (PlainSqliteConnectionsTests holds that) and asks the database no Regex.IsMatch, so nothing it runs needs them.
/// </summary>
internal sealed class PlainSqliteConnections : DbConnectionInterceptor
{
    public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result) =>
        InterceptionResult<DbConnection>.SuppressWithResult(new SqliteConnection(eventData.ConnectionString));
}
