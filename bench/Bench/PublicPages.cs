using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Bench;

/// <summary>
/// Scenarios 1–3: the anonymous topic page from the output cache and rendered afresh, each against Kestrel
/// serving the same bytes as a static file (with two reference arms: the wiki's layout alone and a bare Blazor
/// page); then no cookie and no circuit over 10,000 anonymous requests.
/// </summary>
internal static partial class PublicPages
{
    private const int Connections = 32;
    private const string LayoutOnly = "wiki, layout only (not-found page, cache disabled)";
    private const string BarePage = "bare Blazor page (bench/BareBlazor)";

    public static async Task RunAsync(Options options, Report report, string database)
    {
        await using var cached = await WikiServer.StartAsync(options, database);
        var topic = await FirstTopicAsync(cached.BaseUrl);
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        var bytes = await client.GetByteArrayAsync(cached.BaseUrl + topic);
        var staticFolder = Path.Combine(options.WorkFolder, "static");
        Directory.CreateDirectory(staticFolder);
        await File.WriteAllBytesAsync(Path.Combine(staticFolder, "topic.html"), bytes);

        var staticPort = Tools.FreePort();
        using var staticServer = Process.Start(new ProcessStartInfo("dotnet", [options.StaticServerDll, staticFolder, "--urls", $"http://127.0.0.1:{staticPort}"]) { UseShellExecute = false })!;
        var barePort = Tools.FreePort();
        using var bareServer = Process.Start(new ProcessStartInfo("dotnet", [options.BareBlazorDll, "--urls", $"http://127.0.0.1:{barePort}"]) { UseShellExecute = false })!;
        await using var uncached = await WikiServer.StartAsync(options, database, new Dictionary<string, string> { ["Caching:Disabled"] = "true" });
        try
        {
            var staticUrl = $"http://127.0.0.1:{staticPort}/topic.html";
            var bareUrl = $"http://127.0.0.1:{barePort}/";
            await WaitForAsync(client, staticUrl);
            await WaitForAsync(client, bareUrl);
            var served = await client.GetByteArrayAsync(staticUrl);
            var headers = await HeadersAsync(client, cached.BaseUrl + topic);
            // The last two arms are not judged; with the CPU column they show where a page's time goes. The wiki's
            // not-found page is its layout with no reads and no content (a 404 by design), what any of its pages costs
            // before its own work; the bare Blazor page is what the framework costs before the wiki's.
            var arms = new (string Name, string Url, int Pid)[]
            {
                ("static file", staticUrl, staticServer.Id),
                ("wiki, cache hit", cached.BaseUrl + topic, cached.Pid),
                ("wiki, cache disabled", uncached.BaseUrl + topic, uncached.Pid),
                (LayoutOnly, uncached.BaseUrl + "/not-found", uncached.Pid),
                (BarePage, bareUrl, bareServer.Id),
            };

            foreach (var (_, url, _) in arms)
            {
                await Tools.WrkAsync(url, Connections, options.WarmUpSeconds); // warm: JIT, connection pools, the cache entry
            }
            var results = arms.ToDictionary(a => a.Name, _ => new List<LoadResult>());
            var cpu = arms.ToDictionary(a => a.Name, _ => new List<double>());
            for (var round = 0; round < options.Rounds; round++)
            {
                foreach (var (name, url, pid) in arms)
                {
                    var cpuBefore = Tools.CpuSeconds(pid);
                    var result = await Tools.WrkAsync(url, Connections, options.Seconds);
                    results[name].Add(result);
                    cpu[name].Add((Tools.CpuSeconds(pid) - cpuBefore) * 1e6 / Math.Max(1, result.Requests));
                }
            }

            var table = new List<string> { "| round | arm | requests/s | p50 ms | p95 ms | p99 ms | server CPU per request, µs | errors or non-2xx |", "|---|---|---:|---:|---:|---:|---:|---:|" };
            for (var round = 0; round < options.Rounds; round++)
            {
                table.AddRange(arms.Select(a => (a.Name, R: results[a.Name][round], Cpu: cpu[a.Name][round])).Select(x =>
                    $"| {round + 1} | {x.Name} | {Tools.F(x.R.RequestsPerSecond, 0)} | {Tools.F(x.R.P50)} | {Tools.F(x.R.P95)} | {Tools.F(x.R.P99)} | {Tools.F(x.Cpu, 0)} | {(x.Name == LayoutOnly ? "404 by design" : x.R.Failures)} |"));
            }
            // An arm's requests/s over the static file's in the same round, the median over the rounds.
            double RatioToStatic(string arm) => Tools.Median(Enumerable.Range(0, options.Rounds).Select(i => results[arm][i].RequestsPerSecond / results["static file"][i].RequestsPerSecond));
            var hitRatio = RatioToStatic("wiki, cache hit");
            var missRatio = RatioToStatic("wiki, cache disabled");
            var staticP99 = Tools.Median(results["static file"].Select(r => r.P99));
            var staticP95 = Tools.Median(results["static file"].Select(r => r.P95));
            var hitP99 = Tools.Median(results["wiki, cache hit"].Select(r => r.P99));
            var missP95 = Tools.Median(results["wiki, cache disabled"].Select(r => r.P95));
            var failures = results.Where(r => r.Key != LayoutOnly).SelectMany(r => r.Value).Sum(r => r.Failures);
            var layoutRatio = RatioToStatic(LayoutOnly);
            var bareRatio = RatioToStatic(BarePage);

            report.Target("1", "cache hit ÷ static file, requests/s", Tools.F(hitRatio), "static file (same bytes, Kestrel)", "≥ 1.0", hitRatio >= 1.0 && failures == 0);
            report.Target("1", "cache hit p99", $"{Tools.F(hitP99)} ms", $"static p99 {Tools.F(staticP99)} ms", "≤ static p99", hitP99 <= staticP99);
            report.Target("2", "cache disabled ÷ static file, requests/s", Tools.F(missRatio), "static file", "≥ 0.25", missRatio >= 0.25);
            report.Target("2", "cache disabled p95", $"{Tools.F(missP95)} ms", $"static p95 {Tools.F(staticP95)} ms", "≤ 10 ms", missP95 <= 10);
            report.Section("Scenarios 1 and 2: anonymous topic page against the same bytes as a static file", $"""
                `wrk -t2 -c{Connections} -d{options.Seconds}s` on `{topic}` ({bytes.Length:N0} bytes; the static copy served {served.Length:N0} bytes),
                the arms interleaved in each round, {options.Rounds} round(s), after a {options.WarmUpSeconds} s warm-up of each. The static arm is
                `bench/StaticServer` (Kestrel and `UseStaticFiles` only); the cache-disabled arm is a second wiki process on the
                same database with `Caching:Disabled=true`. Ratios are the median of each round's ratio. Load average now {Tools.LoadAverage()}.
                Server CPU per request is the serving process's user and system time (`/proc/PID/stat`) over the arm's run,
                divided by its requests. The last two arms are not judged. The cache-disabled wiki's not-found page is the
                layout with no reads and no content, what every page costs before its own work: {Tools.F(layoutRatio)}× the static
                file's requests/s. `bench/BareBlazor` is the framework alone, a router, a layout and a hello-world page rendered
                statically with nothing else in its pipeline: {Tools.F(bareRatio)}×. The topic page's: {Tools.F(missRatio)}×.

                Response headers of the cached page: {headers}

                {string.Join('\n', table)}
                """);
        }
        finally
        {
            staticServer.Kill();
            bareServer.Kill();
            await staticServer.WaitForExitAsync();
            await bareServer.WaitForExitAsync();
        }

        await NoCookieNoCircuitAsync(options, report, cached.BaseUrl);
    }

    private static async Task NoCookieNoCircuitAsync(Options options, Report report, string baseUrl)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        var pages = await CrawlAsync(client, baseUrl, limit: 30);
        var total = options.Quick ? 1000 : 10_000;
        var next = -1;
        long cookies = 0, interactive = 0, noStore = 0, notOk = 0;
        var cookiePages = new HashSet<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (_, ct) =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var page = pages[i % pages.Count];
                using var response = await client.GetAsync(baseUrl + page, ct);
                var html = await response.Content.ReadAsStringAsync(ct);
                if (response.Headers.Contains("Set-Cookie"))
                {
                    Interlocked.Increment(ref cookies);
                    lock (cookiePages)
                    {
                        cookiePages.Add(page);
                    }
                }
                if (html.Contains("<!--Blazor:", StringComparison.Ordinal) && html.Contains("\"type\":\"server\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref interactive);
                }
                if (response.Headers.CacheControl?.NoStore == true)
                {
                    Interlocked.Increment(ref noStore);
                }
                if ((int)response.StatusCode is not (200 or 301 or 302))
                {
                    Interlocked.Increment(ref notOk);
                }
            }
        });
        report.Target("3", "anonymous responses with Set-Cookie", $"{cookies} of {total:N0}", "–", "0", cookies == 0);
        report.Target("3", "anonymous pages with a server (circuit) component marker", $"{interactive} of {total:N0}", "–", "0", interactive == 0);
        report.Section("Scenario 3: anonymous views set no cookie and open no circuit", $"""
            {total:N0} GETs (8 at a time, no cookie jar) spread over the {pages.Count} pages an anonymous visitor reaches by following
            links from `/` (the sign-in page excluded: its form sets an antiforgery cookie by design):
            {string.Join(", ", pages.Select(p => $"`{p}`"))}.

            - responses with `Set-Cookie`: {cookies}{(cookiePages.Count > 0 ? " (" + string.Join(", ", cookiePages) + ")" : "")}
            - HTML with a Blazor server-component marker (`<!--Blazor:` with `"type":"server"`, what makes blazor.web.js open a circuit): {interactive}
            - responses with `Cache-Control: no-store`: {noStore}
            - status other than 200/301/302: {notOk}

            A real browser visiting the same pages anonymously is checked in scenario 4 (requests to `_blazor`).
            """);
    }

    /// <summary>Every same-site page reachable from the home page by links, up to a limit.</summary>
    public static async Task<List<string>> CrawlAsync(HttpClient client, string baseUrl, int limit)
    {
        var found = new List<string> { "/" };
        for (var i = 0; i < found.Count && found.Count < limit; i++)
        {
            var html = await client.GetStringAsync(baseUrl + found[i]);
            foreach (Match link in LinkRegex().Matches(html))
            {
                var href = "/" + link.Groups[1].Value.TrimStart('/');
                if (found.Count < limit && !found.Contains(href) && !href.StartsWith("/Account", StringComparison.OrdinalIgnoreCase)
                    && !href.Contains('.', StringComparison.Ordinal) && !href.Contains('#', StringComparison.Ordinal))
                {
                    found.Add(href);
                }
            }
        }
        return found;
    }

    public static async Task<string> FirstTopicAsync(string baseUrl)
    {
        using var client = new HttpClient();
        var html = await client.GetStringAsync(baseUrl + "/topics");
        return "/" + TopicRegex().Match(html).Groups[1].Value;
    }

    private static async Task<string> HeadersAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return string.Join("; ", response.Headers.Concat(response.Content.Headers).Select(h => $"`{h.Key}: {string.Join(",", h.Value)}`"));
    }

    private static async Task WaitForAsync(HttpClient client, string url)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                (await client.GetAsync(url)).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (attempt < 300)
            {
                await Task.Delay(50);
            }
        }
    }

    [GeneratedRegex("href=\"(?!https?:|mailto:|//)([^\"]*)\"")]
    private static partial Regex LinkRegex();

    [GeneratedRegex("href=\"/?(topics/[^\"#?]+)\"")]
    private static partial Regex TopicRegex();
}
