using System.Diagnostics;

namespace Bench;

/// <summary>
/// bench/run.sh builds Release and runs this: every scenario of issue 7, then bench/RESULTS.md.
/// Options: --quick (smoke: seconds per scenario, nothing judged), --only 1,2,7 (scenarios), --tabs N
/// (scenario 4), --search-entries N, --fresh-search, --out FILE, --work DIR, --web DIR (the publish).
/// The exit code is 1 only when a scenario crashed: missed targets are reported, not failed.
/// </summary>
internal static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        var started = DateTimeOffset.UtcNow;
        var loadBefore = Tools.LoadAverage();
        Directory.CreateDirectory(options.WorkFolder);
        var report = new Report(options);
        var seeded = Path.Combine(options.WorkFolder, "seeded.db");

        async Task Scenario(string name, Func<Task> run, params int[] numbers)
        {
            if (!numbers.Any(options.Scenarios.Contains))
            {
                return;
            }
            Console.WriteLine($"-- {name} (load average {Tools.LoadAverage()})");
            var watch = Stopwatch.StartNew();
            try
            {
                await run();
            }
            catch (Exception e)
            {
                report.Crash(name, e);
            }
            // The smoke run's minutes count against CI's budget: the log says where they go.
            Console.WriteLine($"-- {name}: {watch.Elapsed.TotalSeconds:F0} s");
        }

        await Scenario("fresh seeded database", async () =>
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(seeded + suffix);
            }
            await using var first = await WikiServer.StartAsync(options, seeded); // the first start imports the seed
        }, 1, 2, 3, 4, 10, 11, 12, 13);
        await Scenario("1-3 public pages", () => PublicPages.RunAsync(options, report, seeded), 1, 2, 3);
        await Scenario("4 circuits", () => Circuits.RunAsync(options, report, seeded), 4);
        await Scenario("5 markdown", () => External.MarkdownAsync(options, report), 5);
        await Scenario("6 search", () => External.SearchAsync(options, report), 6);
        await Scenario("7-9 saves", () => Saves.RunAsync(options, report), 7, 8, 9);
        await Scenario("10 cold start", () => ColdStart.RunAsync(options, report, seeded), 10);
        await Scenario("11 PostgreSQL", () => PostgresArm.RunAsync(options, report, seeded), 11);
        await Scenario("12 member page to interactive", () => Interactive.RunAsync(options, report, seeded), 12);
        await Scenario("13 typing in a long entry", () => Typing.RunAsync(options, report, seeded), 13);

        await report.WriteAsync(options.Output, started, loadBefore);
        Console.WriteLine($"Wrote {options.Output}");
        if (report.Failures.Count > 0)
        {
            Console.Error.WriteLine("Crashed: " + string.Join(", ", report.Failures));
            return 1;
        }
        return 0;
    }
}
