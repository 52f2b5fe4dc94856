using System.Diagnostics;
using Promisingness.Web.Markdown;

namespace MarkdownBench;

/// <summary>Scenario 5's ratio measured call after call (see Program.cs), with Stopwatch and medians.</summary>
internal static class Interleaved
{
    public static void Run(int rounds)
    {
        var renderer = new MarkdownRenderer();
        var text = SpecLikeText.Build();
        for (var i = 0; i < 30; i++)
        {
            Markdig.Markdown.ToHtml(text);
            renderer.ToSafeHtml(text);
        }

        var markdig = new List<double>(rounds);
        var wiki = new List<double>(rounds);
        var watch = new Stopwatch();
        for (var i = 0; i < rounds; i++)
        {
            watch.Restart();
            Markdig.Markdown.ToHtml(text);
            markdig.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            renderer.ToSafeHtml(text);
            wiki.Add(watch.Elapsed.TotalMilliseconds);
        }

        var ratio = Median(markdig) / Median(wiki);
        Console.WriteLine($"{rounds} rounds, {text.Length:N0} characters: Markdig Markdown.ToHtml median {Median(markdig):F2} ms, " +
            $"MarkdownRenderer.ToSafeHtml median {Median(wiki):F2} ms, throughput ratio {ratio:F2}x");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
