using System.Data.Common;
using Npgsql;

namespace Promisingness.Web.Data;

public static class PostgresConnections
{
    /// <summary>
    /// The connection string with two Npgsql settings the wiki wants, each unless the string names it:
    /// <list type="bullet">
    /// <item>Max Auto Prepare=64: prepare the statements a connection repeats. Unprepared, PostgreSQL parses and plans
    /// every statement anew, and an uncached page is planned again each time (bench/ scenario 11 measures it). Behind a
    /// pooler in transaction mode (PgBouncer before 1.21), set 0.</item>
    /// <item>No Reset On Close=true: do not reset a pooled connection's session each time it is handed out. Each query
    /// of a page takes a connection from the pool, and the reset is seven more statements before it ("RESET ALL;
    /// CLOSE ALL; UNLISTEN *; …"), a large share of a page's CPU on the server. The wiki sets no session state (no SET, temporary tables, LISTEN or advisory locks),
    /// and a transaction left open is still rolled back when its connection closes.</item>
    /// </list>
    /// </summary>
    public static string WithWikiDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(given, "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!Names(given, "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    private static bool Names(DbConnectionStringBuilder given, string setting) =>
        given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals(setting, StringComparison.OrdinalIgnoreCase));
}
