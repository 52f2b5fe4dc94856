using System.Text;
using AngleSharp.Html.Parser;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Markdown;

/// <summary>Inputs that make parsers recurse or backtrack: each must render, safely, to something sensible.</summary>
public sealed class MarkdownRendererPathologicalTests
{
    private static readonly MarkdownRenderer Renderer = new();

    public static TheoryData<string, string> Inputs() => new()
    {
        { "100,000 opening brackets", new string('[', 100_000) },
        { "50,000 bracket pairs nested", new string('[', 50_000) + new string(']', 50_000) },
        { "100,000 '[a' then ']('", Repeat("[a", 50_000) + Repeat("](b)", 50_000) },
        { "10,000 nested quotes", new string('>', 10_000) + " deep" },
        { "10,000 nested quotes, spaced", Repeat("> ", 10_000) + "deep" },
        { "10,000 nested list markers", Repeat("- ", 10_000) + "deep" },
        { "10,000 nested ordered lists", Repeat("1. ", 10_000) + "deep" },
        { "100,000 stars", new string('*', 100_000) },
        { "unmatched emphasis", Repeat("*a ", 30_000) },
        { "100,000 backticks", new string('`', 100_000) },
        { "100,000 '<'", new string('<', 100_000) },
        { "100,000 '![' ", Repeat("![", 50_000) },
        { "deep emphasis", Repeat("*a **b ", 10_000) },
        { "1,000-row table", "| a | b | c |\n|---|:-:|--:|\n" + Repeat("| 1 | [x](https://example.com) | `c` |\n", 1_000) },
        { "2,000-column table", "|" + Repeat(" a |", 2_000) + "\n|" + Repeat("---|", 2_000) + "\n|" + Repeat(" 1 |", 2_000) + "\n" },
        { "1 MB paragraph", Repeat("word ", 200_000) },
        { "10,000 footnotes", Repeat("x[^1] ", 10_000) + "\n\n[^1]: note" },
        { "10,000 reference definitions", Repeat("[a]\n", 100) + "\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"[r{i}]: https://example.com/{i}\n")) },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ToSafeHtml_PathologicalInput_RendersSafely(string name, string markdown)
    {
        var html = Renderer.ToSafeHtml(markdown);

        SafeHtmlAssert.IsSafe(html);
        Assert.False(string.IsNullOrWhiteSpace(html), name);
    }

    [Fact]
    public void ToSafeHtml_TooDeepForMarkdig_StillShowsTheText()
    {
        var html = Renderer.ToSafeHtml("Intro line\n\n" + new string('>', 10_000) + " <script>alert(1)</script> the end");

        SafeHtmlAssert.IsSafe(html);
        var text = new HtmlParser().ParseDocument(html).Body!.TextContent;
        Assert.Contains("Intro line", text, StringComparison.Ordinal);
        Assert.Contains("the end", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_ThousandRowTable_KeepsEveryRow()
    {
        var markdown = "| n |\n|---|\n" + string.Concat(Enumerable.Range(0, 1_000).Select(i => $"| {i} |\n"));

        var html = Renderer.ToSafeHtml(markdown);

        Assert.Equal(1_000, new HtmlParser().ParseDocument(html).QuerySelectorAll("tbody tr").Length);
    }

    private static string Repeat(string value, int count) => new StringBuilder(value.Length * count).Insert(0, value, count).ToString();
}
