using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bench;

/// <summary>
/// Scenario 12: how long a member's page looks ready before it is. A member's page is prerendered, then made
/// interactive when its circuit's first render batch arrives; until then a click does nothing. Measured in
/// Chromium from navigation start (performance.now() counts from it) to the frame after that first batch, over
/// full loads in one signed-in context and in a new context each time, and the time a click on a link between
/// two entries takes to show the other entry (in the circuit for a member; enhanced navigation for a visitor).
/// </summary>
internal static partial class Interactive
{
    // The render batch that makes the prerendered page live is the first "JS.RenderBatch" message on the circuit's
    // WebSocket; the frame after it has the batch applied (event handlers attached).
    private const string MarkInteractive = """
        (() => {
          const Native = window.WebSocket;
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              if (!String(args[0]).includes("/_blazor")) return;
              this.addEventListener("message", event => {
                if (window.__interactiveAt !== undefined || window.__batchSeen) return;
                const text = typeof event.data === "string" ? event.data : new TextDecoder().decode(event.data);
                if (!text.includes("JS.RenderBatch")) return;
                window.__batchSeen = true;
                requestAnimationFrame(() => setTimeout(() => { window.__interactiveAt = performance.now(); }));
              });
            }
          };
        })();
        """;

    // Clicks a link to the other entry and waits until its heading shows; milliseconds from the click.
    private const string FollowAndTime = """
        async href => {
          const before = document.querySelector("h1")?.textContent;
          const link = document.createElement("a");
          link.href = href;
          document.body.appendChild(link);
          const start = performance.now();
          link.click();
          await new Promise(resolve => {
            const check = () => document.querySelector("h1")?.textContent !== before ? resolve() : requestAnimationFrame(check);
            check();
          });
          return performance.now() - start;
        }
        """;

    public static async Task RunAsync(Options options, Report report, string database)
    {
        await using var server = await WikiServer.StartAsync(options, database);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var member = await Browsers.SignedInAsync(browser, server.BaseUrl);
        await member.AddInitScriptAsync(MarkInteractive);
        var state = await member.StorageStateAsync();
        var (first, second) = await TwoTopicsAsync(server.BaseUrl);
        var loads = options.Quick ? 2 : 50;

        // Warm-up: JIT and first-use caches, on the server and in the browser's code cache.
        var page = await member.NewPageAsync();
        for (var i = 0; i < (options.Quick ? 1 : 10); i++)
        {
            await InteractiveAfterAsync(page, i % 2 == 0 ? first : second);
        }

        var sameContext = new List<double>();
        var newContext = new List<double>();
        var inCircuit = new List<double>();
        var enhanced = new List<double>();
        for (var i = 0; i < loads; i++)
        {
            sameContext.Add(await InteractiveAfterAsync(page, first));
            var fresh = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl + "/", StorageState = state });
            await fresh.AddInitScriptAsync(MarkInteractive);
            newContext.Add(await InteractiveAfterAsync(await fresh.NewPageAsync(), first));
            await fresh.CloseAsync();
        }
        await InteractiveAfterAsync(page, first);
        for (var i = 0; i < loads; i++)
        {
            inCircuit.Add(await page.EvaluateAsync<double>(FollowAndTime, i % 2 == 0 ? second : first));
        }
        var visitor = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl + "/" });
        var reader = await visitor.NewPageAsync();
        await reader.GotoAsync(first);
        for (var i = 0; i < loads; i++)
        {
            enhanced.Add(await reader.EvaluateAsync<double>(FollowAndTime, i % 2 == 0 ? second : first));
        }
        await visitor.CloseAsync();
        await member.CloseAsync();

        var p50 = Tools.Percentile(sameContext, 0.5);
        report.Target("12", "member page, navigation start → interactive, p50 (same context)", $"{Tools.F(p50, 0)} ms", "–", "≤ 300 ms", p50 <= 300);
        report.Target("12", "member page, navigation start → interactive, p50 (new context)", $"{Tools.F(Tools.Percentile(newContext, 0.5), 0)} ms", "–", "– (reported)", null);
        report.Section("Scenario 12: a member's page, from navigation to interactive", $"""
            Chromium, signed in as a member, loads `{first}` {loads} times in one browser context, and {loads} times each in a
            new context with the same cookie (no cached scripts, a new connection). From navigation start to the frame
            after the circuit's first render batch (the prerendered page's buttons work from then on; before, a click does
            nothing). Then {loads} clicks on a link between `{first}` and `{second}`, from the click to the other entry's
            heading: in the circuit for the member, by enhanced navigation for an anonymous visitor.

            | measure | p50 ms | p95 ms | max ms |
            |---|---:|---:|---:|
            {Row("member, full load → interactive, same context", sameContext)}
            {Row("member, full load → interactive, new context", newContext)}
            {Row("member, click to the other entry (in the circuit)", inCircuit)}
            {Row("visitor, click to the other entry (enhanced navigation)", enhanced)}
            """);
    }

    private static string Row(string name, List<double> values) =>
        $"| {name} | {Tools.F(Tools.Percentile(values, 0.5), 0)} | {Tools.F(Tools.Percentile(values, 0.95), 0)} | {Tools.F(values.Max(), 0)} |";

    private static async Task<double> InteractiveAfterAsync(IPage page, string url)
    {
        await page.GotoAsync(url.TrimStart('/'));
        var at = await page.WaitForFunctionAsync("() => window.__interactiveAt", null, new() { Timeout = 30_000 });
        return await at.JsonValueAsync<double>();
    }

    private static async Task<(string First, string Second)> TwoTopicsAsync(string baseUrl)
    {
        using var client = new HttpClient();
        var topics = TopicRegex().Matches(await client.GetStringAsync(baseUrl + "/topics")).Select(m => "/" + m.Groups[1].Value).Distinct().Take(2).ToList();
        return topics.Count == 2 ? (topics[0], topics[1]) : throw new InvalidOperationException("The seeded wiki has fewer than two topics");
    }

    [GeneratedRegex("href=\"/?(topics/[^\"#?]+)\"")]
    private static partial Regex TopicRegex();
}
