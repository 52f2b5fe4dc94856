using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bench;

/// <summary>
/// Scenario 4: server memory per idle signed-in circuit, from real Chromium tabs. The server runs with
/// Diagnostics:MemoryProbeSeconds, which forces a full compacting GC every second and prints the live heap;
/// the resident set comes from /proc/PID/status at the same moment. Arms: no tabs, then N tabs, interleaved.
/// </summary>
internal static partial class Circuits
{
    public static async Task RunAsync(Options options, Report report, string database)
    {
        await using var server = await WikiServer.StartAsync(options, database, new Dictionary<string, string> { ["Diagnostics:MemoryProbeSeconds"] = "1" });
        var topic = await PublicPages.FirstTopicAsync(server.BaseUrl);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);

        var anonymousCircuits = await AnonymousBlazorRequestsAsync(browser, server.BaseUrl);

        var context = await Browsers.SignedInAsync(browser, server.BaseUrl);

        // Warm-up: the first circuits pay for JIT and first-use caches, which are not per-circuit memory.
        await CloseAsync(await OpenAsync(context, topic, Math.Min(5, options.Tabs)));

        var rows = new List<string> { "| round | arm | circuits | GC heap MB | resident MB |", "|---|---|---:|---:|---:|" };
        var perCircuitHeap = new List<double>();
        var perCircuitResident = new List<double>();
        var opened = 0;
        for (var round = 1; round <= options.Rounds; round++)
        {
            // The smoke run proves the scenario runs: it waits a fraction of the measured run's settling times.
            await Task.Delay(TimeSpan.FromSeconds(options.Quick ? 0.5 : 2));
            var idle = await MeasureAsync(server);
            var pages = await OpenAsync(context, topic, options.Tabs);
            opened = pages.Count;
            await Task.Delay(TimeSpan.FromSeconds(options.Quick ? 0.5 : 3)); // idle: no clicks, the circuits only hold their state
            var busy = await MeasureAsync(server);
            await CloseAsync(pages);
            rows.Add($"| {round} | no tabs | 0 | {Tools.F(idle.Heap / 1e6, 1)} | {Tools.F(idle.Resident / 1e6, 1)} |");
            rows.Add($"| {round} | {opened} tabs | {opened} | {Tools.F(busy.Heap / 1e6, 1)} | {Tools.F(busy.Resident / 1e6, 1)} |");
            perCircuitHeap.Add((busy.Heap - idle.Heap) / (double)opened);
            perCircuitResident.Add((busy.Resident - idle.Resident) / (double)opened);
        }
        await context.CloseAsync();

        var heap = Tools.Median(perCircuitHeap) / 1000;
        var resident = Tools.Median(perCircuitResident) / 1000;
        report.Target("3", "requests to `_blazor` from Chromium on anonymous pages", anonymousCircuits.ToString(CultureInfo.InvariantCulture), "–", "0", anonymousCircuits == 0);
        report.Target("4", "GC heap per idle signed-in circuit", $"{Tools.F(heap, 0)} kB", "the same server with no tabs", "≤ 250 kB", heap <= 250);
        report.Target("4", "resident set per idle signed-in circuit", $"{Tools.F(resident, 0)} kB", "the same server with no tabs", "– (reported)", null);
        report.Section("Scenario 4: memory per idle signed-in circuit", $"""
            {opened} Chromium tabs{(opened < 100 ? $" (fewer than the issue's 100: `--tabs {options.Tabs}`)" : "")} in one signed-in browser context, each on
            `{topic}` (interactive for members), opened 10 at a time; each tab counts once its `_blazor` WebSocket is open.
            The server (a separate process, `Diagnostics:MemoryProbeSeconds=1`) forces a full blocking compacting GC
            every second and prints `GC.GetTotalMemory(true)`; the resident set is `VmRSS` from `/proc/PID/status`. Each
            arm is the median of 3 consecutive probe samples. Per circuit = (tabs − no tabs) ÷ tabs, median over {options.Rounds} round(s);
            the tabs are closed with unload handlers between rounds, so Blazor releases their circuits.

            Why this and not `dotnet-counters`: counters report the heap whenever it is sampled, with garbage
            of unknown age in it; a forced full GC in the server process gives the live heap, and an environment-gated
            line on stdout needs no endpoint that anyone could call.

            {string.Join('\n', rows)}

            Anonymous check: Chromium visited `/`, `/topics`, `{topic}` and `/search?q=alignment` without signing in and made
            {anonymousCircuits} request(s) to `_blazor`.
            """);
    }

    private static async Task<int> AnonymousBlazorRequestsAsync(IBrowser browser, string baseUrl)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl + "/" });
        var page = await context.NewPageAsync();
        var count = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref count);
            }
        };
        foreach (var url in new[] { "", "topics", (await PublicPages.FirstTopicAsync(baseUrl)).TrimStart('/'), "search?q=alignment" })
        {
            await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.NetworkIdle });
            await Task.Delay(500);
        }
        await context.CloseAsync();
        return count;
    }

    private static async Task<List<IPage>> OpenAsync(IBrowserContext context, string topic, int tabs)
    {
        var pages = new List<IPage>();
        for (var start = 0; start < tabs; start += 10)
        {
            var batch = await Task.WhenAll(Enumerable.Range(start, Math.Min(10, tabs - start)).Select(async _ =>
            {
                var page = await context.NewPageAsync();
                var socket = page.WaitForWebSocketAsync(new() { Predicate = ws => ws.Url.Contains("/_blazor", StringComparison.Ordinal), Timeout = 120_000 });
                await page.GotoAsync(topic.TrimStart('/'), new() { Timeout = 120_000 });
                await socket;
                return page;
            }));
            pages.AddRange(batch);
        }
        return pages;
    }

    private static async Task CloseAsync(List<IPage> pages)
    {
        foreach (var page in pages)
        {
            await page.CloseAsync(new() { RunBeforeUnload = true });
        }
    }

    private static async Task<(double Heap, double Resident)> MeasureAsync(WikiServer server)
    {
        while (server.Lines.TryTake(out _))
        {
            // Older samples.
        }
        var samples = new List<(double Heap, double Resident)>();
        while (samples.Count < 3)
        {
            if (!server.Lines.TryTake(out var line, TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("The memory probe printed nothing for 30 s");
            }
            var match = ProbeRegex().Match(line);
            if (match.Success)
            {
                samples.Add((double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), Tools.ResidentBytes(server.Pid)));
            }
        }
        return (Tools.Median(samples.Select(s => s.Heap)), Tools.Median(samples.Select(s => s.Resident)));
    }

    [GeneratedRegex(@"memory-probe sample=\d+ gc-heap-bytes=(\d+)")]
    private static partial Regex ProbeRegex();
}
