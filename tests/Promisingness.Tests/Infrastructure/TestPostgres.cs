using Npgsql;

namespace Promisingness.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against: the one TEST_POSTGRES names (a role that may create databases), or
/// else one the run starts itself where PostgreSQL is installed (PrivatePostgres). Each WikiApp on PostgreSQL gets a
/// database of its own, dropped when it is done. With neither, the PostgreSQL tests are skipped with a reason that
/// says so, except under CI (CI=true), where they run and fail: CI must never pass without them.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "TEST_POSTGRES";

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : PrivatePostgres.ConnectionString;

    private static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the PostgreSQL tests do not run here, or null when they run.</summary>
    public static string? SkipReason => Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } && PrivatePostgres.Binaries is null && !UnderCi
        ? $"NOT RUN ON POSTGRESQL: PostgreSQL is not installed ({PrivatePostgres.InstallHint}) and {Variable} is not set (e.g. {Variable}=\"Host=127.0.0.1;Username=wiki;Password=wiki;Database=postgres\")."
        : null;

    private static readonly Lock Creating = new();
    private static readonly Dictionary<bool, string> Templates = [];

    /// <summary>
    /// A new database for one WikiApp, copied from a template that this test run migrated (and seeded, when
    /// <paramref name="seed"/>) once: migrating and importing the seed for each test would cost seconds each.
    /// The collation is C, so text sorts as on SQLite (by code point).
    /// </summary>
    public static string CreateDatabase(bool seed)
    {
        var server = ServerConnectionString
            ?? throw new InvalidOperationException($"{Variable} is not set, and under CI the PostgreSQL tests must run: start PostgreSQL and set {Variable} (see .ci/run).");
        lock (Creating)
        {
            if (!Templates.TryGetValue(seed, out var template))
            {
                template = $"wiki_template_{Environment.ProcessId}_{(seed ? "seeded" : "empty")}";
                Execute($"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)");
                Execute($"CREATE DATABASE \"{template}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
                using (var app = new WikiApp(seed, provider: Web.Data.DatabaseProvider.Postgres, postgresDatabase: ConnectionStringFor(template)))
                {
                    _ = app.Services; // Starts the app: migrations, the seed, the admin.
                }
                NpgsqlConnection.ClearAllPools();
                Templates[seed] = template;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Execute($"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)");
            }
            var name = "wiki_test_" + Guid.NewGuid().ToString("N");
            Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
            return ConnectionStringFor(name);
        }
    }

    private static string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ServerConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public static void DropDatabase(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var drop = $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute(drop);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 50)
            {
                // An autovacuum worker in the database, which a role without pg_signal_backend may not end
                // (.ci/run grants it): it finishes in moments.
                Thread.Sleep(100);
            }
        }
    }
}
