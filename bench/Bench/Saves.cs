using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Bench;

/// <summary>
/// Scenarios 7–9, in one process with the wiki (its real host, on Kestrel at a loopback port) because the
/// saves go through the real EntryEditor, whose cache eviction is in-process: 20 editors saving at once,
/// page views while they do, and whether a reader can see a page older than a save that has returned.
/// </summary>
internal static class Saves
{
    private const int Editors = 20;
    private const int StaleWorkers = 4;

    public static async Task RunAsync(Options options, Report report)
    {
        var folder = Path.Combine(options.WorkFolder, "saves");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        // WebApplicationFactory looks for the web project next to a solution file; outside a test project, say where it is.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PROMISINGNESS_WEB", Path.Combine(options.Root, "src", "Promisingness.Web"));
        var busy = new BusyCounter();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Wiki", $"DataSource={Path.Combine(folder, "wiki.db")}");
            builder.UseSetting("Admin:Email", WikiServer.AdminEmail);
            builder.UseSetting("Admin:Password", WikiServer.AdminPassword);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // The editors save as fast as they can on purpose: the per-member write limit (30 a minute) is not what is measured.
            builder.UseSetting("RateLimits:WritesPerMinute", "1000000");
            builder.ConfigureServices(services => services.ConfigureDbContext<SqliteWikiDbContext>(o => o.AddInterceptors(busy)));
        });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var editor = factory.Services.GetRequiredService<EntryEditor>();
        var administration = factory.Services.GetRequiredService<UserAdministration>();

        var editors = new List<string>();
        for (var i = 0; i < Editors; i++)
        {
            editors.Add((await administration.AddUserAsync(UserAdministration.CommandLine.Id, $"editor{i}@bench.local", $"Editor {i}", Roles.Mentor, null, null, "bench editor passphrase")).Id);
        }
        var slots = new List<Slot>();
        for (var i = 0; i < Editors + StaleWorkers; i++)
        {
            var title = $"Bench topic {i + 1}";
            var created = await editor.CreateAsync(editors[i % Editors], EntryKind.Topic, new EntryInput(title, Body("created"), Visibility.Public, null, "Created"));
            var saved = created as SaveResult.Saved ?? throw new InvalidOperationException($"Could not create {title}: {created}");
            slots.Add(new Slot(saved.EntryId, "/topics/" + saved.Slug, title) { Revision = saved.RevisionNumber });
        }
        var readerUrl = baseUrl + slots[Editors].Path;
        var busyErrors = 0L;
        var saveNumber = 0L;

        // Latency runs from the moment the save was asked for (for a burst, when all 20 were released), so that
        // time spent waiting for a thread or a core before the save begins counts, as it would for an editor.
        async Task<double> SaveAsync(Slot slot, string userId, string marker, List<int>? waitsPerSave, Stopwatch? released = null)
        {
            var tally = BusyCounter.Track();
            var watch = released ?? Stopwatch.StartNew();
            // The save's number makes each text new: a marker alone repeats when a warm-up or an earlier round ended on it,
            // and the same text again is no save at all (Unchanged).
            var result = await editor.SaveAsync(userId, slot.Id, slot.Revision,
                new EntryInput(slot.Title, Body($"{marker}, save {Interlocked.Increment(ref saveNumber)}"), Visibility.Public, null, "bench"));
            var elapsed = watch.Elapsed.TotalMilliseconds;
            // The editor answers a database that stayed busy past its timeout with Failed (and a message) instead of throwing.
            if (result is SaveResult.Failed)
            {
                Interlocked.Increment(ref busyErrors);
                return elapsed;
            }
            slot.Revision = (result as SaveResult.Saved ?? throw new InvalidOperationException($"Save refused: {result}")).RevisionNumber;
            if (waitsPerSave is not null)
            {
                lock (waitsPerSave)
                {
                    waitsPerSave.Add(tally.Waits);
                }
            }
            return elapsed;
        }

        async Task<List<double>> OneEditorAsync(TimeSpan duration)
        {
            var latencies = new List<double>();
            for (var watch = Stopwatch.StartNew(); watch.Elapsed < duration;)
            {
                latencies.Add(await SaveAsync(slots[0], editors[0], $"single {latencies.Count}", null));
            }
            return latencies;
        }

        async Task<(List<double> Latencies, List<int> Waits)> TwentyEditorsAsync(TimeSpan duration)
        {
            var latencies = new List<double>();
            var waits = new List<int>();
            for (var (watch, burst) = (Stopwatch.StartNew(), 0); watch.Elapsed < duration; burst++)
            {
                // All 20 start together, each on its own entry: the moment the issue asks about.
                var released = Stopwatch.StartNew();
                latencies.AddRange(await Task.WhenAll(Enumerable.Range(0, Editors).Select(i => Task.Run(() => SaveAsync(slots[i], editors[i], $"burst {burst}", waits, released)))));
            }
            return (latencies, waits);
        }

        // Warm-up: JIT, EF's compiled queries, the render of the reader's page.
        await OneEditorAsync(TimeSpan.FromSeconds(1));
        await TwentyEditorsAsync(TimeSpan.FromSeconds(1));
        await Tools.HeyAsync(readerUrl, 4, 25, 1);

        var seconds = options.Seconds;
        var duration = TimeSpan.FromSeconds(seconds);
        var single = new List<List<double>>();
        var twenty = new List<List<double>>();
        var twentyWithReaders = new List<List<double>>();
        var allWaits = new List<int>();
        var readsAlone = new List<LoadResult>();
        var readsDuringSaves = new List<LoadResult>();
        var busyBefore = (busy.Waits, busy.SleptMilliseconds);
        var cpuSingle = TimeSpan.Zero;
        var cpuTwenty = TimeSpan.Zero;
        for (var round = 0; round < options.Rounds; round++)
        {
            readsAlone.Add(await Tools.HeyAsync(readerUrl, 4, 25, seconds));
            var cpu = Environment.CpuUsage.TotalTime;
            single.Add(await OneEditorAsync(duration));
            cpuSingle += Environment.CpuUsage.TotalTime - cpu;
            cpu = Environment.CpuUsage.TotalTime;
            var (latencies, waits) = await TwentyEditorsAsync(duration);
            cpuTwenty += Environment.CpuUsage.TotalTime - cpu;
            twenty.Add(latencies);
            allWaits.AddRange(waits);
            var readers = Tools.HeyAsync(readerUrl, 4, 25, seconds);
            var withReaders = await TwentyEditorsAsync(duration);
            twentyWithReaders.Add(withReaders.Latencies);
            readsDuringSaves.Add(await readers);
        }
        var busyWaits = busy.Waits - busyBefore.Waits;
        var slept = busy.SleptMilliseconds - busyBefore.SleptMilliseconds;

        double MedianOf(List<List<double>> rounds, double p) => Tools.Median(rounds.Select(r => Tools.Percentile(r, p)));
        var p95 = MedianOf(twenty, .95);
        var p99 = MedianOf(twenty, .99);
        var savesCounted = twenty.Sum(r => r.Count) + twentyWithReaders.Sum(r => r.Count);
        report.Target("7", "20 editors at once: save p95", $"{Tools.F(p95, 1)} ms", $"1 editor alone p95 {Tools.F(MedianOf(single, .95), 1)} ms", "≤ 25 ms", p95 <= 25);
        report.Target("7", "20 editors at once: save p99", $"{Tools.F(p99, 1)} ms", $"1 editor alone p99 {Tools.F(MedianOf(single, .99), 1)} ms", "≤ 50 ms", p99 <= 50);
        report.Target("7", "busy errors (saves the editor refused as busy: SQLITE_BUSY/LOCKED past the timeout)", $"{Interlocked.Read(ref busyErrors)}", "–", "0", busyErrors == 0);
        var readRatio = Tools.Median(readsAlone.Zip(readsDuringSaves, (alone, during) => during.P99 / alone.P99));
        report.Target("8", "page-view p99 during 20 editors ÷ without writes", Tools.F(readRatio), $"p99 without writes {Tools.F(Tools.Median(readsAlone.Select(r => r.P99)))} ms", "≤ 1.5", readRatio <= 1.5);

        var rows = new List<string> { "| round | arm | saves or reads | p50 ms | p95 ms | p99 ms | max ms |", "|---|---|---:|---:|---:|---:|---:|" };
        for (var round = 0; round < options.Rounds; round++)
        {
            rows.Add(Row(round, "reads alone (hey, 100/s)", readsAlone[round]));
            rows.Add(Row(round, "1 editor saving alone", single[round]));
            rows.Add(Row(round, "20 editors at once", twenty[round]));
            rows.Add(Row(round, "20 editors at once, with readers", twentyWithReaders[round]));
            rows.Add(Row(round, "reads during 20 editors (hey, 100/s)", readsDuringSaves[round]));
        }
        var waited = allWaits.Count(w => w > 0);
        report.Section("Scenarios 7 and 8: 20 editors saving at once, and page views meanwhile", $"""
            In process with the wiki's real host (`WebApplicationFactory<Program>`, Production environment, Kestrel on a
            loopback port, a fresh seeded SQLite file): {Editors} mentors each save their own public topic (~3 kB of Markdown)
            through `EntryEditor.SaveAsync`, all 20 released at once, burst after burst, for {seconds} s per arm; each save's
            latency runs from the burst's release to that save's return, waiting for a thread and a core included. A save is
            the whole operation: revision, render, search index (triggers), cache eviction, notifications. Readers are
            `hey -c 4 -q 25` (100 requests/s, every response's latency from its CSV) on the public page `{slots[Editors].Path}`.
            Arms in each round, in order: reads alone, 1 editor alone, 20 editors, 20 editors with readers. Percentiles
            are per arm and round; the figure is the median over {options.Rounds} round(s).

            Lock waits: a bench-only interceptor replaces each connection's busy handler with a copy of SQLite's
            busy_timeout handler that counts. Over the 20-editor arms without readers, {waited} of {allWaits.Count} saves
            ({(allWaits.Count == 0 ? 0 : 100.0 * waited / allWaits.Count):F0}%) waited for another writer's lock at least once; over all arms since
            the warm-up, {busyWaits:N0} waits slept {slept:N0} ms in total ({(savesCounted == 0 ? 0 : (double)slept / savesCounted):F1} ms per save in the 20-editor arms).
            CPU time of this process per save (all threads, while nothing else ran in it): {cpuSingle.TotalMilliseconds / single.Sum(r => r.Count):F1} ms with
            1 editor, {cpuTwenty.TotalMilliseconds / twenty.Sum(r => r.Count):F1} ms with 20. On 2 cores, the last of 20 simultaneous saves waits for about
            20 × that ÷ 2 before it can finish, lock or no lock.
            Busy errors that escaped the 5 s busy_timeout (saves the editor answered with "busy", from
            SQLITE_BUSY/LOCKED): {busyErrors}.

            {string.Join('\n', rows)}
            """);

        await StaleAsync(options, report, baseUrl, editor, editors, slots[Editors..]);
    }

    private static async Task StaleAsync(Options options, Report report, string baseUrl, EntryEditor editor, List<string> editors, List<Slot> slots)
    {
        var total = options.Quick ? 200 : 10_000;
        var next = -1;
        long stale = 0;
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 });
        using var stop = new CancellationTokenSource();
        long backgroundReads = 0;
        // Readers that keep every page in the cache and render it while saves happen: the race to catch is a
        // page rendered from the old text and stored after the save's eviction.
        var background = Enumerable.Range(0, StaleWorkers).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await client.GetStringAsync(baseUrl + slots[i].Path, stop.Token);
                    Interlocked.Increment(ref backgroundReads);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        })).ToList();
        var watch = Stopwatch.StartNew();
        var staleExamples = new List<string>();
        await Task.WhenAll(Enumerable.Range(0, StaleWorkers).Select(worker => Task.Run(async () =>
        {
            var slot = slots[worker];
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var marker = $"stalecheck{worker}x{i}z";
                var saved = await editor.SaveAsync(editors[worker], slot.Id, slot.Revision, new EntryInput(slot.Title, Body(marker), Visibility.Public, null, "bench"));
                slot.Revision = (saved as SaveResult.Saved ?? throw new InvalidOperationException($"Save refused: {saved}")).RevisionNumber;
                var html = await client.GetStringAsync(baseUrl + slot.Path);
                if (!html.Contains(marker, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref stale);
                    lock (staleExamples)
                    {
                        if (staleExamples.Count < 5)
                        {
                            staleExamples.Add($"{marker} (save {i})");
                        }
                    }
                }
            }
        })));
        await stop.CancelAsync();
        await Task.WhenAll(background);
        report.Target("9", "stale anonymous pages right after a save returned", $"{stale} of {total:N0}", "–", "0", stale == 0);
        report.Section("Scenario 9: no stale page after a save returns", $"""
            {StaleWorkers} editors, each on its own public topic, save {total:N0} times in all through `EntryEditor.SaveAsync` with a
            unique word in the text, and as soon as the save returns GET the topic page anonymously (no cookie) and look
            for the word. Meanwhile {StaleWorkers} background readers keep requesting the same pages ({backgroundReads:N0} reads), so
            that pages are being rendered, and cached, while saves happen. {watch.Elapsed.TotalSeconds:F0} s.

            Stale responses: {stale}{(staleExamples.Count > 0 ? " (e.g. " + string.Join(", ", staleExamples) + ")" : "")}.
            """);
    }

    private static string Row(int round, string arm, List<double> latencies) =>
        $"| {round + 1} | {arm} | {latencies.Count:N0} | {Tools.F(Tools.Percentile(latencies, .5), 1)} | {Tools.F(Tools.Percentile(latencies, .95), 1)} | {Tools.F(Tools.Percentile(latencies, .99), 1)} | {Tools.F(latencies.DefaultIfEmpty(double.NaN).Max(), 1)} |";

    private static string Row(int round, string arm, LoadResult r) =>
        $"| {round + 1} | {arm} | {r.Requests:N0} | {Tools.F(r.P50, 1)} | {Tools.F(r.P95, 1)} | {Tools.F(r.P99, 1)} | – |";

    /// <summary>About 3 kB of a topic's Markdown, with the edit's own word in it.</summary>
    private static string Body(string marker) => $"""
        ## What this topic asks

        Whether automated alignment researchers can be trusted with **scalable oversight** depends on how well we can
        evaluate their work. This page collects the arguments, the evidence and the open questions ({marker}).

        - Evaluation is easier than generation for many tasks, but not for all: see [the debate](https://example.org/debate).
        - *Sandwiching* experiments measure whether non-experts with AI help match experts.
        - Reward hacking appears as soon as the evaluator is weaker than the policy.

        | claim | evidence | confidence |
        |---|---|---|
        | weak-to-strong generalisation helps | OpenAI 2023 | medium |
        | debate helps judges | Khan et al. 2024 | medium |
        | RLHF overfits the evaluator | Gao et al. 2022 | high |

        {string.Concat(Enumerable.Repeat("Interpretability tools may let us check the reasoning rather than the outputs alone; sparse autoencoders find features that line up with concepts, though faithfulness is not settled. ", 8))}

        > The question is not whether automation helps, but whether the help arrives before the risk does.

        Last edit: {marker}.
        """;

    private sealed record Slot(int Id, string Path, string Title)
    {
        public int Revision { get; set; }
    }
}
