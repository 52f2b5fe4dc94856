using Npgsql;

namespace Bench;

/// <summary>
/// Scenario 11: the anonymous topic page rendered afresh (cache disabled) on PostgreSQL against the same on
/// SQLite: p95 on PostgreSQL ÷ p95 on SQLite, target ≤ 1.5. The PostgreSQL server is TEST_POSTGRES's (a role
/// that may create databases; .ci/run starts one); without it the scenario is reported as not run.
/// </summary>
internal static class PostgresArm
{
    private const int Connections = 8;

    public static async Task RunAsync(Options options, Report report, string seeded)
    {
        if (Environment.GetEnvironmentVariable("TEST_POSTGRES") is not { Length: > 0 } server)
        {
            report.Target("11", "cache-miss p95, PostgreSQL ÷ SQLite", "not run", "TEST_POSTGRES unset", "≤ 1.5", null);
            return;
        }
        var database = $"bench_wiki_{Environment.ProcessId}";
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        try
        {
            var uncached = new Dictionary<string, string> { ["Caching:Disabled"] = "true" };
            await using var sqlite = await WikiServer.StartAsync(options, seeded, uncached);
            // The first start on the empty PostgreSQL database migrates it and imports the same seed.
            await using var postgres = await WikiServer.StartAsync(options, seeded, new Dictionary<string, string>(uncached)
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Wiki"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
            });
            var topic = await PublicPages.FirstTopicAsync(sqlite.BaseUrl);
            var arms = new (string Name, string Url)[] { ("SQLite", sqlite.BaseUrl + topic), ("PostgreSQL", postgres.BaseUrl + topic) };
            foreach (var (_, url) in arms)
            {
                await Tools.WrkAsync(url, Connections, options.WarmUpSeconds); // warm: JIT, connection pools
            }
            var results = arms.ToDictionary(a => a.Name, _ => new List<LoadResult>());
            for (var round = 0; round < options.Rounds; round++)
            {
                foreach (var (name, url) in arms)
                {
                    results[name].Add(await Tools.WrkAsync(url, Connections, options.Seconds));
                }
            }
            var ratio = Tools.Median(Enumerable.Range(0, options.Rounds).Select(i => results["PostgreSQL"][i].P95 / results["SQLite"][i].P95));
            var failures = results.Values.SelectMany(r => r).Sum(r => r.Failures);
            report.Target("11", "cache-miss p95, PostgreSQL ÷ SQLite", Tools.F(ratio), $"SQLite p95 {Tools.F(Tools.Median(results["SQLite"].Select(r => r.P95)))} ms", "≤ 1.5", ratio <= 1.5 && failures == 0);
            var table = new List<string> { "| round | arm | requests/s | p50 ms | p95 ms | p99 ms | errors or non-2xx |", "|---|---|---:|---:|---:|---:|---:|" };
            for (var round = 0; round < options.Rounds; round++)
            {
                table.AddRange(arms.Select(a => (a.Name, R: results[a.Name][round])).Select(x =>
                    $"| {round + 1} | {x.Name} | {Tools.F(x.R.RequestsPerSecond, 0)} | {Tools.F(x.R.P50)} | {Tools.F(x.R.P95)} | {Tools.F(x.R.P99)} | {x.R.Failures} |"));
            }
            report.Section("Scenario 11: cache miss on PostgreSQL against SQLite", $"""
                `wrk -t2 -c{Connections} -d{options.Seconds}s` on `{topic}`, both wikis with `Caching:Disabled=true`, the same seed,
                PostgreSQL on loopback on the same machine (the server shares the 2 cores). Arms interleaved, {options.Rounds} round(s);
                the ratio is the median of each round's p95 ratio. Load average now {Tools.LoadAverage()}.

                {string.Join('\n', table)}
                """);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
