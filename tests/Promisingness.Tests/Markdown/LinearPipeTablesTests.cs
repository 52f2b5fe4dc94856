using AngleSharp.Html.Parser;
using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;
using MarkdownBench;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Markdown;

/// <summary>
/// LinearPipeTableParser must build the very tree Markdig's own pipe-table parser builds, only without walking
/// every open emphasis delimiter of the table for each inline.
/// </summary>
public sealed class LinearPipeTablesTests
{
    private static readonly MarkdownPipeline Markdigs = Pipeline(linear: false);
    private static readonly MarkdownPipeline Linear = Pipeline(linear: true);

    public static TheoryData<string, string> Tables() => new()
    {
        { "formatted cells", SpecLikeText.Table(rows: 300) },
        { "escaped pipes", "| a \\| b | *c* |\n|---|---|\n| **d** \\| e | f \\|\\| ~~g~~ |\n| *h* | i |\n" },
        { "code spans with pipes", "| `a | b` | **c** |\n|---|---|\n| *d* `e|f` | `|` |\n| ~~g~~ | `h | i` |\n" },
        { "code span across rows", "| *a* | b |\n|---|---|\n| **c** `d | e |\n| f | g` *h* |\n| i | j |\n" },
        { "emphasis open across a row end", "| a | b |\n|---|---|\n| *c | d |\n| e* | **f |\n| g | h** |\n" },
        { "link across rows", "| a | b |\n|---|---|\n| *c* [d | e |\n| f](https://example.org) | **g** |\n| h | i |\n" },
        { "bracket never closed", "| [a | *b* |\n|---|---|\n| **c** | d |\n| *e* | ~~f~~ |\n| g | h |\n" },
        { "autolinks after open delimiters", "| ~~a | *b |\n|---|---|\n| http://a.example/c~~ | www.example.org* |\n| x | https://example.org/**y** |\n" },
        { "no separator row", "| ~~a | *b |\n| http://a.example/c~~ | d* |\n| *e | f |\n" },
        { "line without a pipe", "| *a | b |\n|---|---|\n| c* | **d |\ne** f\n| g | h |\n" },
        { "backslash at a line end", "| *a | b |\n|---|---|\n| c | *d\\\ne |\n| f* | g |\n" },
        { "emphasis in the separator row", "| *a | b |\n|---|--*\n| c | d* |\n| e | f |\n" },
        { "uneven rows", "| *a |\n|---|---|---|\n| b | **c | d | e |\n| f** |\n| g | h* |\n" },
        { "text before the table", "Some *text\n| a | b |\n|---|---|\n| *c* | d* |\n| e | f |\n" },
        { "table followed by a paragraph", SpecLikeText.Table(rows: 20) + "\nAfter *the* table **x\n\nand ~~more~~\n" },
        { "table in a list", "- item *one\n\n  " + SpecLikeText.Table(rows: 20).Replace("\n", "\n  ", StringComparison.Ordinal) + "\n- item two*\n" },
        { "table in a quote", "> " + SpecLikeText.Table(rows: 20).Replace("\n", "\n> ", StringComparison.Ordinal) + "\n" },
        { "windows line ends", SpecLikeText.Table(rows: 20).Replace("\n", "\r\n", StringComparison.Ordinal) },
        { "hard line breaks", "| *a | b |  \n|---|---|  \n| c* | **d |  \n| e | f** |\n" },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void ToHtml_Table_IsWhatMarkdigsOwnParserMakes(string name, string markdown)
    {
        var expected = Markdig.Markdown.ToHtml(markdown, Markdigs);

        Assert.Equal(expected, Markdig.Markdown.ToHtml(markdown, Linear));
        Assert.False(string.IsNullOrEmpty(expected), name);
    }

    [Fact]
    public void Parse_FormattedTable_KeepsTheOpenInlinesShallow()
    {
        var probe = new OpenDepthProbe();
        var pipeline = Pipeline(linear: true, probe);

        Markdig.Markdown.Parse(SpecLikeText.Table(rows: 300), pipeline);

        // Markdig's own parser leaves six delimiters a row open here: 1,800 by the last row.
        Assert.InRange(probe.Deepest, 1, 20);
    }

    [Fact]
    public void Parse_TableTooDeepForMarkdig_IsStillRefused()
    {
        // Six open delimiters a row: past about 1,700 rows Markdig's chain would pass its depth limit of 10,240.
        var markdown = SpecLikeText.Table(rows: 2_100);

        Assert.Throws<ArgumentException>(() => Markdig.Markdown.Parse(markdown, Linear));
    }

    [Fact]
    public void ToSafeHtml_ThousandFormattedRows_KeepsEveryRowAndFormat()
    {
        var document = new HtmlParser().ParseDocument(new MarkdownRenderer().ToSafeHtml(SpecLikeText.Table(rows: 1_000)));

        Assert.Equal(1_000, document.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(1_000, document.QuerySelectorAll("tbody strong").Length);
        Assert.Equal(1_000, document.QuerySelectorAll("tbody del").Length);
        Assert.Equal(1_000, document.QuerySelectorAll("tbody a[href^='https://example.org/']").Length);
        Assert.All(document.QuerySelectorAll("tbody tr td:nth-child(5)"), cell => Assert.EndsWith("| pipe", cell.TextContent, StringComparison.Ordinal));
    }

    // The wiki's pipeline, less what does not touch a paragraph's inlines.
    private static MarkdownPipeline Pipeline(bool linear, InlineParser? probe = null)
    {
        var builder = new MarkdownPipelineBuilder().UsePipeTables();
        if (linear)
        {
            builder.Use<LinearPipeTablesExtension>();
        }

        builder.UseEmphasisExtras().UseAutoLinks().UseFootnotes().Use<WikiLinkExtension>().DisableHtml();
        if (probe is not null)
        {
            builder.InlineParsers.Insert(0, probe);
        }

        return builder.Build();
    }

    /// <summary>Records, at each pipe, how many open containers a new inline would be appended below.</summary>
    private sealed class OpenDepthProbe : InlineParser
    {
        public OpenDepthProbe() => OpeningCharacters = ['|'];

        public int Deepest { get; private set; }

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            var depth = 0;
            for (var container = processor.Block?.Inline; container?.LastChild is ContainerInline { IsClosed: false } next; container = next)
            {
                depth++;
            }

            Deepest = Math.Max(Deepest, depth);
            return false;
        }
    }
}
