using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Bench;

/// <summary>Scenarios 5 and 6 run the suite's own in-process benchmarks and take their numbers.</summary>
internal static partial class External
{
    public static async Task MarkdownAsync(Options options, Report report)
    {
        var artifacts = Path.Combine(options.WorkFolder, "markdown");
        if (Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }
        var arguments = new List<string> { options.MarkdownBenchDll, "--artifacts", artifacts };
        if (options.Quick)
        {
            arguments.Add("--quick");
        }
        var (exit, output, error) = await Tools.RunAsync("dotnet", arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"bench/Markdown failed ({exit}): {error}\n{output[^Math.Min(output.Length, 3000)..]}");
        }
        var medians = new Dictionary<string, double>();
        var tables = new List<string>();
        foreach (var json in Directory.GetFiles(Path.Combine(artifacts, "results"), "*-report-brief.json"))
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            foreach (var benchmark in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                medians[benchmark.GetProperty("Method").GetString()!] = benchmark.GetProperty("Statistics").GetProperty("Median").GetDouble() / 1e6;
            }
            tables.Add(await File.ReadAllTextAsync(json.Replace("-report-brief.json", "-report-github.md", StringComparison.Ordinal)));
        }
        var ratio = medians["PlainMarkdig"] / medians["Wiki"];
        report.Target("5", "MarkdownRenderer.ToSafeHtml throughput ÷ Markdig Markdown.ToHtml", $"{Tools.F(ratio)}× ({Tools.F(medians["Wiki"], 1)} ms vs {Tools.F(medians["PlainMarkdig"], 1)} ms)", "Markdig `Markdown.ToHtml`, same text", "≥ 0.5×", ratio >= 0.5);
        report.Target("5", "1,000-row table, plain cells", $"{Tools.F(medians["PlainTable"], 1)} ms", "–", "≤ 250 ms", medians["PlainTable"] <= 250);
        report.Target("5", "1,000-row table, every cell formatted", $"{Tools.F(medians["Table"], 1)} ms", "–", "≤ 250 ms", medians["Table"] <= 250);
        report.Target("5", "100,000 `[`", $"{Tools.F(medians["Brackets"], 1)} ms", "–", "≤ 250 ms", medians["Brackets"] <= 250);
        report.Target("5", "one formula, TeX to MathML, through the whole pipeline", $"{Tools.F(medians["Formula"], 2)} ms", "–", "–", null);
        report.Section("Scenario 5: Markdown rendering (BenchmarkDotNet)", $"""
            `dotnet bench/Markdown/bin/{options.Configuration}/net10.0/MarkdownBench.dll{(options.Quick ? " --quick" : "")}`: BenchmarkDotNet 0.15.8 in process,
            {(options.Quick ? "one iteration each (Dry job)" : "3 warm-up and 10 measured iterations")}; figures are BenchmarkDotNet's medians. The text is a
            ~250 kB document built like the CommonMark spec (the spec itself is not available offline: prose with every
            inline construct, nested lists, quotes, fenced and indented code, reference links, tables, entities, escapes,
            raw HTML) after the wiki's seed README. BenchmarkDotNet runs one benchmark after the other, not interleaved:
            the ratio of two medians, each over many iterations, is what it offers.

            {string.Join("\n\n", tables.Select(t => System.Net.WebUtility.HtmlDecode(StripCodeFence().Replace(t, "")).Trim()))}
            """);
    }

    public static async Task SearchAsync(Options options, Report report)
    {
        var arguments = new List<string> { options.SearchBenchDll, "--entries", options.SearchEntries.ToString(CultureInfo.InvariantCulture), "--db", options.SearchDatabase };
        if (options.Quick)
        {
            arguments.AddRange(["--runs", "3", "--max-p95-ms", "500"]);
        }
        if (options.FreshSearch)
        {
            arguments.Add("--fresh");
        }
        // Exit code 1 means a target was missed, which the table shows; anything else is a crash.
        var (exit, output, error) = await Tools.RunAsync("dotnet", arguments, TimeSpan.FromMinutes(40), Path.Combine(options.Root, "bench", "search"));
        if (exit is not (0 or 1))
        {
            throw new InvalidOperationException($"bench/search failed ({exit}): {error}");
        }
        var lines = output.Split('\n');
        string P95(string kind) => lines.FirstOrDefault(l => l.StartsWith($"| {kind} | anonymous |", StringComparison.Ordinal))?.Split('|')[5].Trim() ?? "–";
        double Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
        var typical = P95("typical queries");
        var common = P95("most common term");
        report.Target("6", $"search p95, typical query, anonymous ({options.SearchEntries:N0} entries)", $"{typical} ms", "rare-term queries in the same run (table)", "≤ 20 ms", Number(typical) <= 20);
        report.Target("6", $"search p95, most common term, anonymous ({options.SearchEntries:N0} entries)", $"{common} ms", "rare-term queries in the same run (table)", "≤ 100 ms", Number(common) <= 100);
        report.Section("Scenario 6: search (bench/search)", $"""
            `dotnet bench/search/bin/{options.Configuration}/net10.0/SearchBench.dll {string.Join(' ', arguments.Skip(1))}` (see bench/search/README.md; the
            database is reused when it already holds that many entries, `--fresh-search` rebuilds it). Its output:

            {string.Join('\n', lines.Where(l => l.StartsWith('|') || l.StartsWith("- ", StringComparison.Ordinal) || l.StartsWith("Load", StringComparison.Ordinal) || l.StartsWith("Built", StringComparison.Ordinal)))}
            """);
    }

    [GeneratedRegex("^```.*$", RegexOptions.Multiline)]
    private static partial Regex StripCodeFence();
}
