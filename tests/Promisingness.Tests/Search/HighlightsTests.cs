using Promisingness.Web.Features.Search;

namespace Promisingness.Tests.Search;

public sealed class HighlightsTests
{
    private const char O = Highlights.Open;
    private const char C = Highlights.Close;

    private static string Show(IReadOnlyList<TextPart> parts) => string.Concat(parts.Select(p => p.Marked ? $"[{p.Text}]" : p.Text));

    [Fact]
    public void Parse_MarkedText_SplitsIntoPlainAndMarkedParts()
    {
        var parts = Highlights.Parse($"the {O}sparse{C} {O}autoencoders{C} of it");

        Assert.Equal("the [sparse] [autoencoders] of it", Show(parts));
        Assert.Equal([false, true, false, true, false], parts.Select(p => p.Marked));
    }

    [Fact]
    public void Parse_KeepsHtmlAsText_ForThePageToEscape()
    {
        var parts = Highlights.Parse($"<script>alert(1)</script> {O}x{C}");

        Assert.Equal("<script>alert(1)</script> ", parts[0].Text);
        Assert.False(parts[0].Marked);
    }

    [Theory]
    [InlineData("a\uE001b", "ab")]
    [InlineData("\uE000\uE000a\uE001\uE001b", "[a]b")]
    [InlineData("a\uE000b", "a[b]")]
    public void Parse_StrayMarkersInTheText_AreDropped(string text, string shown)
    {
        Assert.Equal(shown, Show(Highlights.Parse(text)));
    }

    [Fact]
    public void Parse_Markdown_LeavesTheTextOfLinksAndDropsTheSyntax()
    {
        var parts = Highlights.Parse($"## Heading\n\n* see [the {O}post{C}](https://example.org/x) and **bold** `code`\n> [[weak-to-strong|W2S]] […", markdown: true);

        Assert.Equal("Heading see the [post] and bold code W2S […", Show(parts));
    }
}
