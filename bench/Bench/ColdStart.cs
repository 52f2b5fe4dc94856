using System.Globalization;

namespace Bench;

/// <summary>
/// Scenario 10: from process start to the first 200 of the home page, on the search benchmark's database
/// (N synthetic entries, built through the real migrations) against the small seeded database.
/// </summary>
internal static class ColdStart
{
    public static async Task RunAsync(Options options, Report report, string smallDatabase)
    {
        if (!File.Exists(options.SearchDatabase))
        {
            throw new InvalidOperationException($"{options.SearchDatabase} is missing: scenario 6 builds it");
        }
        var settings = new Dictionary<string, string> { ["Seed:Skip"] = "true" };
        var large = new List<double>();
        var small = new List<double>();
        var runs = options.Quick ? 1 : Math.Max(3, options.Rounds);
        for (var round = 0; round < runs; round++)
        {
            await using (var server = await WikiServer.StartAsync(options, smallDatabase, settings))
            {
                small.Add(server.StartedIn.TotalSeconds);
            }
            await using (var server = await WikiServer.StartAsync(options, options.SearchDatabase, settings))
            {
                large.Add(server.StartedIn.TotalSeconds);
            }
        }
        var median = Tools.Median(large);
        report.Target("10", $"cold start to first served page, {options.SearchEntries:N0} entries", $"{Tools.F(median)} s", $"seeded wiki (~20 entries) {Tools.F(Tools.Median(small))} s", "≤ 3 s", median <= 3);
        report.Section("Scenario 10: cold start", $"""
            `dotnet Promisingness.Web.dll` (the Release publish) started {runs} times on each database, alternating: the
            seeded wiki and the search benchmark's {options.SearchEntries:N0}-entry file ({new FileInfo(options.SearchDatabase).Length / 1_000_000:N0} MB). Time from
            `Process.Start` to the first 200 for `/` (polled every 10 ms), which includes the runtime's start, JIT,
            migrations check, first-run check and the first render. The files are in the OS page cache after the first
            start (the machine has the memory for it), so this is a process cold start, not a disk cold start.

            | arm | runs (s) | median s |
            |---|---|---:|
            | seeded wiki | {string.Join(", ", small.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} | {Tools.F(Tools.Median(small))} |
            | {options.SearchEntries:N0} entries | {string.Join(", ", large.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} | {Tools.F(median)} |
            """);
    }
}
