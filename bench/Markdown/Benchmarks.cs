using BenchmarkDotNet.Attributes;
using Promisingness.Web.Markdown;

namespace MarkdownBench;

/// <summary>
/// Scenario 5 of the issue: the wiki's whole pipeline (Markdig with its extensions, the safety pass over
/// links and the HTML allow-list gate) against Markdig's plain Markdown.ToHtml on the same long, varied text.
/// </summary>
[MemoryDiagnoser]
public class SpecText
{
    private readonly MarkdownRenderer renderer = new();
    private string text = "";

    [GlobalSetup]
    public void Setup() => text = SpecLikeText.Build();

    [Benchmark(Baseline = true, Description = "Markdig Markdown.ToHtml")]
    public string PlainMarkdig() => Markdig.Markdown.ToHtml(text);

    [Benchmark(Description = "MarkdownRenderer.ToSafeHtml")]
    public string Wiki() => renderer.ToSafeHtml(text);
}

/// <summary>Inputs that make naive parsers or sanitisers slow: each must render in at most 250 ms.</summary>
[MemoryDiagnoser]
public class HostileInputs
{
    private readonly MarkdownRenderer renderer = new();
    private readonly string table = SpecLikeText.Table(rows: 1000);
    private readonly string plainTable = SpecLikeText.PlainTable(rows: 1000);
    private readonly string brackets = new('[', 100_000);

    [Benchmark(Description = "1,000-row table, plain cells")]
    public string PlainTable() => renderer.ToSafeHtml(plainTable);

    [Benchmark(Description = "1,000-row table, formatted cells")]
    public string Table() => renderer.ToSafeHtml(table);

    [Benchmark(Description = "100,000 '['")]
    public string Brackets() => renderer.ToSafeHtml(brackets);
}

/// <summary>
/// One formula through the whole pipeline, TeX to MathML (Temml in Jint) included. Each call writes a new formula,
/// since the converter remembers the ones it has rendered lately.
/// </summary>
[MemoryDiagnoser]
public class MathFormula
{
    private readonly MarkdownRenderer renderer = new();
    private int n;

    // Loads Temml into its engine once, before anything is timed.
    [GlobalSetup]
    public void Setup() => renderer.ToSafeHtml("$x$");

    [Benchmark(Description = "one formula, TeX to MathML")]
    public string Formula()
    {
        n++;
        return renderer.ToSafeHtml($"$\\sum_{{i=1}}^{{{n}}} \\frac{{\\alpha_i}}{{\\beta + {n}}}$");
    }
}
