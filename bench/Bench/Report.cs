using System.Text;

namespace Bench;

/// <summary>RESULTS.md: a summary table of every target, then each scenario's own numbers and notes.</summary>
internal sealed class Report(Options options)
{
    private readonly List<string> summary = [];
    private readonly StringBuilder sections = new();

    public List<string> Failures { get; } = [];

    /// <summary>One judged figure. In quick mode nothing is judged.</summary>
    public void Target(string scenario, string measure, string value, string baseline, string target, bool? met)
    {
        var verdict = options.Quick || met is null ? "–" : met.Value ? "yes" : "**no**";
        summary.Add($"| {scenario} | {measure} | {value} | {baseline} | {target} | {verdict} |");
    }

    public void Section(string title, string body)
    {
        sections.Append("## ").AppendLine(title).AppendLine().AppendLine(body.TrimEnd()).AppendLine();
        Console.WriteLine($"== {title}\n{body.TrimEnd()}\n");
    }

    public void Crash(string scenario, Exception e)
    {
        Failures.Add(scenario);
        Section($"{scenario}: did not complete", $"```\n{e}\n```");
        Target(scenario, "crashed", "–", "–", "–", false);
    }

    public async Task WriteAsync(string path, DateTimeOffset started, string loadBefore)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmark results").AppendLine();
        text.AppendLine(options.Quick
            ? "**Quick (smoke) run: a few seconds per scenario, one round. These numbers prove the suite runs; they are not measurements.**"
            : "Full run. Every figure is a ratio of two arms measured in the same run, or a percentile beside its baseline arm; arms are interleaved (A B A B …) and the figure is the median over the rounds.");
        text.AppendLine();
        text.AppendLine($"- command: `{options.Command}`");
        text.AppendLine($"- started {started:yyyy-MM-dd HH:mm} UTC, took {(DateTimeOffset.UtcNow - started).TotalMinutes:F1} min; load average before {loadBefore}, after {Tools.LoadAverage()}");
        text.Append(Tools.Machine());
        text.AppendLine("- the machine is shared with other engineers' builds and tests while this runs").AppendLine();
        text.AppendLine("| # | measure | value | baseline arm | target | met |");
        text.AppendLine("|---|---|---|---|---|---|");
        summary.ForEach(line => text.AppendLine(line));
        text.AppendLine().Append(sections);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text.ToString());
    }
}
