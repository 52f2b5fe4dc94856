using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Promisingness.CrashTest;

/// <summary>
/// Starts the worker (the wiki with writers) on a temporary SQLite file, kills it with SIGKILL at a
/// random moment, and after each kill checks the file: integrity_check is ok and every save the worker
/// acknowledged is there with its revision and text. Repeats, then reports what it checked.
/// </summary>
internal static class Driver
{
    private const string Usage = "Usage: crash-test [--kills N] [--quick] [--writers N] [--seed N] [--keep]";

    public static async Task<int> RunAsync(string[] args)
    {
        var kills = 50;
        var writers = 4;
        var seed = Environment.TickCount;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": kills = 5; break;
                case "--kills": kills = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--writers": writers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep": keep = true; break;
                default:
                    Console.Error.WriteLine($"Unknown argument {args[i]}.\n{Usage}");
                    return 2;
            }
        }

        var random = new Random(seed);
        var folder = Directory.CreateTempSubdirectory("promisingness-crash").FullName;
        var database = Path.Combine(folder, "wiki.db");
        Console.WriteLine($"Crash test: {kills} kills, {writers} writers, seed {seed}, database {database}");
        var acknowledged = new Dictionary<(string Slug, int Revision), string>();
        var checkedSaves = 0L;
        var failures = new List<string>();
        var earlyKills = 0;
        var startup = TimeSpan.FromSeconds(3);
        var clock = Stopwatch.StartNew();

        for (var kill = 1; kill <= kills && failures.Count == 0; kill++)
        {
            var run = await RunOnceAsync(database, writers, random, startup);
            earlyKills += run.WhileStarting ? 1 : 0;
            if (run.Startup is { } measured)
            {
                startup = measured;
            }
            foreach (var (slug, revision, token) in run.Acks)
            {
                acknowledged[(slug, revision)] = token;
            }
            failures.AddRange(run.Problems);

            var (integrity, missing) = Verify(database, acknowledged);
            checkedSaves += acknowledged.Count;
            if (integrity != "ok")
            {
                failures.Add($"kill {kill}: integrity_check says {integrity}");
            }
            failures.AddRange(missing.Select(m => $"kill {kill}: acknowledged save {m} is missing"));
            Console.WriteLine($"kill {kill,3}: after {run.Lived.TotalMilliseconds,5:N0} ms{(run.WhileStarting ? " (while starting)" : "")}, {run.Acks.Count,3} saves acknowledged; integrity_check {integrity}; {acknowledged.Count} acknowledged saves present: {(missing.Count == 0 ? "all" : $"{missing.Count} MISSING")}");
        }

        Console.WriteLine();
        Console.WriteLine($"{kills} kills ({earlyKills} while starting), {acknowledged.Count} saves acknowledged, {checkedSaves} acknowledged saves checked, {failures.Count} failures, {clock.Elapsed.TotalSeconds:N0} s");
        foreach (var failure in failures)
        {
            Console.WriteLine("FAILED " + failure);
        }
        SqliteConnection.ClearAllPools();
        if (!keep && failures.Count == 0)
        {
            Directory.Delete(folder, recursive: true);
        }
        return failures.Count == 0 ? 0 : 1;
    }

    private sealed record Run(List<(string Slug, int Revision, string Token)> Acks, List<string> Problems, TimeSpan Lived, TimeSpan? Startup, bool WhileStarting);

    private static async Task<Run> RunOnceAsync(string database, int writers, Random random, TimeSpan typicalStartup)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(database)!,
        };
        info.ArgumentList.Add(typeof(Driver).Assembly.Location);
        info.ArgumentList.Add(Worker.Verb);
        info.ArgumentList.Add(database);
        info.ArgumentList.Add(writers.ToString(CultureInfo.InvariantCulture));
        info.Environment["DOTNET_NOLOGO"] = "1";

        var acks = new List<(string, int, string)>();
        var problems = new List<string>();
        var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text)
            {
                return;
            }
            var parts = text.Split(' ');
            lock (acks)
            {
                if (parts is [Worker.Ack, var slug, var revision, var token])
                {
                    acks.Add((slug, int.Parse(revision, CultureInfo.InvariantCulture), token));
                    firstAck.TrySetResult();
                }
                else if (text.StartsWith("NOT-SAVED", StringComparison.Ordinal))
                {
                    problems.Add(text);
                }
            }
        };
        var errors = new List<string>();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                lock (errors)
                {
                    errors.Add(text);
                }
            }
        };

        var started = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        TimeSpan? startup = null;
        // One kill in five lands while the wiki starts (migrating, importing the seed, creating accounts)
        // or makes its first save; the others while the writers are saving.
        var whileStarting = random.NextDouble() < 0.2;
        if (whileStarting)
        {
            await Task.WhenAny(firstAck.Task, Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * typicalStartup.TotalMilliseconds)));
            whileStarting = !firstAck.Task.IsCompleted;
        }
        else
        {
            if (await Task.WhenAny(firstAck.Task, Task.Delay(TimeSpan.FromSeconds(60)), process.WaitForExitAsync()) != firstAck.Task)
            {
                lock (errors)
                {
                    problems.Add("the worker did not start saving: " + string.Join(" | ", errors.TakeLast(5)));
                }
            }
            startup = started.Elapsed;
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 1200)));
        }

        // Process.Kill is SIGKILL on Linux: no shutdown code runs, no buffer is flushed.
        process.Kill();
        await process.WaitForExitAsync();
        lock (acks)
        {
            return new Run([.. acks], problems, started.Elapsed, startup, whileStarting);
        }
    }

    private static (string Integrity, List<string> Missing) Verify(string database, Dictionary<(string Slug, int Revision), string> acknowledged)
    {
        var missing = new List<string>();
        if (!File.Exists(database))
        {
            return (acknowledged.Count == 0 ? "ok" : "no database file", [.. acknowledged.Keys.Select(k => $"{k.Slug}#{k.Revision}")]);
        }
        using var connection = new SqliteConnection($"DataSource={database};Pooling=False");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 5000;";
            pragma.ExecuteNonQuery();
        }
        string integrity;
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            integrity = string.Join("; ", Read(check));
        }
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT count(*) FROM Revisions r JOIN Entries e ON e.Id = r.EntryId WHERE e.Slug = $slug AND r.Number = $number AND instr(r.BodyMarkdown, $token) > 0";
        var slug = find.Parameters.Add("$slug", SqliteType.Text);
        var number = find.Parameters.Add("$number", SqliteType.Integer);
        var token = find.Parameters.Add("$token", SqliteType.Text);
        foreach (var ((s, n), t) in acknowledged)
        {
            (slug.Value, number.Value, token.Value) = (s, n, t);
            if (Convert.ToInt64(find.ExecuteScalar(), CultureInfo.InvariantCulture) != 1)
            {
                missing.Add($"{s}#{n}");
            }
        }
        return (integrity, missing);
    }

    private static List<string> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
