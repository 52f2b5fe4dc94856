using Npgsql;

namespace Promisingness.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against: TEST_POSTGRES holds a connection string to it (a role that
/// may create databases). Each WikiApp on PostgreSQL gets a database of its own, dropped when it is done.
/// Without the variable the PostgreSQL tests are skipped with a reason that says so, except under CI
/// (CI=true), where they run and fail: CI must never pass without them.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "TEST_POSTGRES";

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    private static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the PostgreSQL tests do not run here, or null when they run.</summary>
    public static string? SkipReason => ServerConnectionString is null && !UnderCi
        ? $"NOT RUN ON POSTGRESQL: {Variable} is not set (e.g. {Variable}=\"Host=127.0.0.1;Username=wiki;Password=wiki;Database=postgres\"; .ci/run sets it)."
        : null;

    /// <summary>A new, empty database; its collation is C, so text sorts as on SQLite (by code point).</summary>
    public static string CreateDatabase()
    {
        var server = ServerConnectionString
            ?? throw new InvalidOperationException($"{Variable} is not set, and under CI the PostgreSQL tests must run: start PostgreSQL and set {Variable} (see .ci/run).");
        var name = "wiki_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'", connection);
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static void DropDatabase(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var connection = new NpgsqlConnection(ServerConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}
