using System.Text;
using Microsoft.Playwright;
using Promisingness.Web.Features.Editing;

namespace Bench;

/// <summary>
/// Scenario 13: what a pause in typing costs on a long entry. Chromium, signed in, on the edit page of an entry with
/// a 10 kB body and of one with a 1 MB body, types a word in the middle of the text and pauses, again and again.
/// Per pause: the bytes the page sends and receives on the circuit's WebSocket, the wiki process's CPU time, and the
/// time from the pause (the editor's message to the server) to the preview showing the word.
/// </summary>
internal static class Typing
{
    private const int PauseMilliseconds = 400;

    // Counts every message on the circuit's WebSocket, and when each was sent.
    private const string CountSocket = """
        (() => {
          window.__ws = { sent: 0, received: 0, sends: [] };
          const size = data => typeof data === "string" ? new TextEncoder().encode(data).length : (data.byteLength ?? data.size ?? 0);
          const send = WebSocket.prototype.send;
          WebSocket.prototype.send = function (data) {
            if (String(this.url).includes("/_blazor")) {
              window.__ws.sent += size(data);
              window.__ws.sends.push(performance.now());
              if (!this.__counted) {
                this.__counted = true;
                this.addEventListener("message", event => { window.__ws.received += size(event.data); });
              }
            }
            return send.call(this, data);
          };
        })();
        """;

    // Watches the preview for the word; resolves with the time it appeared (null after the timeout).
    private const string WatchPreview = """
        (word) => {
          window.__seen = new Promise(resolve => {
            const preview = document.querySelector(".editor-preview");
            const observer = new MutationObserver(mutations => {
              for (const mutation of mutations) {
                for (const node of mutation.addedNodes) {
                  if ((node.textContent ?? "").includes(word)) { observer.disconnect(); resolve(performance.now()); return; }
                }
                if (mutation.type === "characterData" && (mutation.target.textContent ?? "").includes(word)) { observer.disconnect(); resolve(performance.now()); return; }
              }
            });
            observer.observe(preview, { childList: true, subtree: true, characterData: true });
            setTimeout(() => { observer.disconnect(); resolve(null); }, 5000);
          });
        }
        """;

    public static async Task RunAsync(Options options, Report report, string database)
    {
        await using var server = await WikiServer.StartAsync(options, database);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var member = await Browsers.SignedInAsync(browser, server.BaseUrl);
        await member.AddInitScriptAsync(CountSocket);
        var pauses = options.Quick ? 3 : 20;

        // The smoke run proves the scenario runs; a smaller long body keeps it short (the smoke run uses the Debug build,
        // slow to create and preview a megabyte).
        var longBytes = options.Quick ? 100_000 : 1_000_000;
        string[] names = ["10 kB", options.Quick ? "100 kB" : "1 MB"];
        var pages = new List<IPage>();
        foreach (var (name, bytes) in names.Zip([10_000, longBytes]))
        {
            pages.Add(await OpenAsync(member, await CreateAsync(member, $"Bench typing {name} {Environment.TickCount64}", Body(bytes))));
        }
        // Warm-up: the first pauses meet cold code paths, and the new wiki's background work settles.
        foreach (var page in pages)
        {
            await TypeAsync(page, server, options.Quick ? 1 : 5);
        }
        // Arms interleaved, so that the shared machine's load falls on both. After each arm's pauses, as long again
        // with no one typing: what the wiki spends then (its timers, both circuits held open) is not the pauses' cost,
        // and a pause in the long text lasts longer in the browser (Chromium types slower in a megabyte), so each arm
        // is charged the idle CPU of its own duration.
        var measured = names.Select(_ => new List<Measured>()).ToList();
        var idleMs = names.Select(_ => 0.0).ToArray();
        var rounds = options.Quick ? 1 : 2;
        for (var round = 0; round < rounds; round++)
        {
            for (var arm = 0; arm < pages.Count; arm++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                measured[arm].Add(await TypeAsync(pages[arm], server, pauses / rounds, settle: !options.Quick));
                var idleBefore = Tools.CpuSeconds(server.Pid);
                await Task.Delay(watch.Elapsed);
                idleMs[arm] += (Tools.CpuSeconds(server.Pid) - idleBefore) * 1000;
            }
        }
        var idlePerPause = idleMs.Select(ms => ms / (pauses / rounds * rounds)).ToArray();
        var results = names.Select((name, arm) => (Name: name, Value: Merge(measured[arm], idlePerPause[arm]), Idle: idlePerPause[arm])).ToList();
        await member.CloseAsync();

        var small = results[0].Value;
        var large = results[1].Value;
        var bytesRatio = large.SentPerPause / small.SentPerPause;
        var cpuRatio = large.CpuMsPerPause / small.CpuMsPerPause;
        var p95 = Tools.Percentile(large.PreviewMs, 0.95);
        report.Target("13", $"typing, bytes sent per pause, {names[1]} body ÷ 10 kB body", $"{Tools.F(bytesRatio)}×", $"{Tools.F(small.SentPerPause, 0)} B", "≤ 2×", bytesRatio <= 2);
        report.Target("13", $"typing, server CPU per pause, {names[1]} body ÷ 10 kB body", $"{Tools.F(cpuRatio)}×", $"{Tools.F(small.CpuMsPerPause)} ms", "≤ 2×", cpuRatio <= 2);
        report.Target("13", $"typing, preview latency p95 after a pause, {names[1]} body", $"{Tools.F(p95, 0)} ms", $"{Tools.F(Tools.Percentile(small.PreviewMs, 0.95), 0)} ms (10 kB)", "≤ 100 ms", p95 <= 100);
        report.Section("Scenario 13: typing in a long entry", $"""
            Chromium, signed in, on the edit page of an entry with a 10 kB body and of one with a {names[1]} body (Markdown:
            headings, paragraphs, lists, code). {pauses} times: the cursor goes to the end of a paragraph in the middle of the text,
            a word is typed, and the page waits for the preview to show it (at most 5 s) and for the autosave to settle; after
            each arm's pauses, 6 s more for a long text's autosave, which waits up to 5 s.
            Bytes are counted on the circuit's WebSocket in the page (WebSocket.prototype.send and its messages); CPU is the
            wiki process's user + system time over the pauses (/proc/PID/stat), divided by the pauses, less the CPU it spent
            idle right after that arm's pauses for as long as they took, both editors open (the idle column, per pause); it
            holds the keystrokes' own messages and the autosave too. The two bodies take turns, {rounds} rounds each, after {(options.Quick ? 1 : 5)} warm-up pauses; preview latency runs from the page's message that ends the {PauseMilliseconds} ms pause to the
            preview's DOM holding the word (p50/p95 over the pauses; "–" when the preview did not show it within 5 s).

            | body | bytes sent / pause | bytes received / pause | server CPU ms / pause | idle CPU ms / pause (subtracted) | preview p50 ms | preview p95 ms |
            |---|---:|---:|---:|---:|---:|---:|
            {string.Join("\n", results.Select(r => Row(r.Name, r.Value, r.Idle)))}
            """);
    }

    private sealed record Measured(double SentPerPause, double ReceivedPerPause, double CpuMsPerPause, List<double> PreviewMs);

    // The rounds of one arm together; CPU less what the wiki spends idle in as long.
    private static Measured Merge(List<Measured> rounds, double idlePerPause) => new(
        rounds.Average(r => r.SentPerPause), rounds.Average(r => r.ReceivedPerPause),
        Math.Max(0, rounds.Average(r => r.CpuMsPerPause) - idlePerPause), [.. rounds.SelectMany(r => r.PreviewMs)]);

    private static string Row(string name, Measured m, double idle) =>
        $"| {name} | {Tools.F(m.SentPerPause, 0)} | {Tools.F(m.ReceivedPerPause, 0)} | {Tools.F(m.CpuMsPerPause)} | {Tools.F(idle)} | {Tools.F(Tools.Percentile(m.PreviewMs, 0.5), 0)} | {Tools.F(Tools.Percentile(m.PreviewMs, 0.95), 0)} |";

    /// <summary>Markdown of about <paramref name="length"/> characters, each heading and word distinct enough to find.</summary>
    private static string Body(int length)
    {
        var text = new StringBuilder(length + 1000);
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(i % 10 == 0 ? $"## Section {i}\n\n" : "");
            text.Append(i % 7 == 3
                ? $"- point {i} about oversight\n- another point {i}\n\n"
                : i % 13 == 5 ? $"```\ncode {i}\n```\n\n" : $"Paragraph {i} says that scalable oversight and interpretability research go together, with **emphasis** and a [link](https://example.org/{i}).\n\n");
        }
        return text.ToString(0, Math.Min(text.Length, length)).TrimEnd() + "\n";
    }

    // Creates a page through the editor and returns its edit address.
    private static async Task<string> CreateAsync(IBrowserContext member, string title, string body)
    {
        var page = await member.NewPageAsync();
        await page.GotoAsync("new/page");
        var area = page.Locator(".editor-body textarea");
        await Assertions.Expect(area).ToBeEditableAsync(new() { Timeout = 30_000 });
        await page.Locator("#field-Title").FillAsync(title);
        await area.EvaluateAsync("(area, text) => { area.value = text; area.dispatchEvent(new Event('input', { bubbles: true })); }", body);
        await page.WaitForTimeoutAsync(1500);
        await page.GetByTestId("save").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/new/", StringComparison.Ordinal), new() { Timeout = 60_000 });
        var edit = await page.Locator("a[href$='/edit']").First.GetAttributeAsync("href") ?? throw new InvalidOperationException("No edit link on the new page");
        await page.CloseAsync();
        return edit.TrimStart('/');
    }

    private static async Task<IPage> OpenAsync(IBrowserContext member, string edit)
    {
        var page = await member.NewPageAsync();
        await page.GotoAsync(edit);
        await Assertions.Expect(page.Locator(".editor-body textarea")).ToBeEditableAsync(new() { Timeout = 60_000 });
        await page.WaitForTimeoutAsync(1500);
        return page;
    }

    private static async Task<Measured> TypeAsync(IPage page, WikiServer server, int pauses, bool settle = false)
    {
        var area = page.Locator(".editor-body textarea");
        var preview = new List<double>();
        var sentBefore = await page.EvaluateAsync<double>("() => window.__ws.sent");
        var receivedBefore = await page.EvaluateAsync<double>("() => window.__ws.received");
        var cpuBefore = Tools.CpuSeconds(server.Pid);
        for (var i = 0; i < pauses; i++)
        {
            var word = $"typed{i}x{Environment.TickCount64 % 100_000}";
            // The end of a paragraph near the middle.
            await area.EvaluateAsync("""
                area => {
                  const at = area.value.indexOf("says that", area.value.length / 2);
                  const end = area.value.indexOf("\n", at);
                  area.focus();
                  area.setSelectionRange(end, end);
                }
                """);
            await page.EvaluateAsync(WatchPreview, word);
            await page.Keyboard.TypeAsync(" " + word);
            var lastKey = await page.EvaluateAsync<double>("() => performance.now()");
            var seen = await page.EvaluateAsync<double?>("() => window.__seen");
            if (seen is { } at)
            {
                var pauseEnd = await page.EvaluateAsync<double>("after => window.__ws.sends.find(t => t >= after) ?? after", lastKey + PauseMilliseconds - 50);
                preview.Add(at - pauseEnd);
            }
            else
            {
                preview.Add(double.NaN);
            }
            // The autosave and the preview's render settle before the next word.
            await page.WaitForTimeoutAsync(700);
        }
        if (settle)
        {
            // A long text's autosave may still wait for its interval (DraftWriter): it is the pauses' cost, so it lands
            // inside the measured time, not in the idle time after it.
            await page.WaitForTimeoutAsync((float)(DraftWriter.LongTextInterval.TotalMilliseconds + 1000));
        }
        var cpu = Tools.CpuSeconds(server.Pid) - cpuBefore;
        var sent = await page.EvaluateAsync<double>("() => window.__ws.sent") - sentBefore;
        var received = await page.EvaluateAsync<double>("() => window.__ws.received") - receivedBefore;
        return new Measured(sent / pauses, received / pauses, cpu * 1000 / pauses, preview.Where(v => !double.IsNaN(v)).ToList() is { Count: > 0 } shown && shown.Count == preview.Count ? shown : [double.NaN]);
    }
}
