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

    [Fact]
    public void Parse_Markdown_DropsTheAddressOfALinkTheSnippetCutShort()
    {
        var parts = Highlights.Parse($"visibility with the [Open AI {O}plan{C}](https://openai.com…", markdown: true);

        Assert.Equal("visibility with the Open AI [plan]…", Show(parts));
    }

    [Theory]
    [InlineData("What will it be? How would it work?", "What will it be?", "How would it work?")]
    [InlineData("What will it be? How would it work?", "What will…", "it be? How would it work?")]
    [InlineData("…and so on", "And so", "…and so on")]
    [InlineData("Same text", "Same text", "")]
    public void WithoutPrefix_DropsATitleTheSnippetRepeats(string snippet, string title, string rest)
    {
        Assert.Equal(rest, Highlights.PlainText(Highlights.WithoutPrefix([new TextPart(snippet, false)], title)));
    }

    [Fact]
    public void WithoutPrefix_KeepsTheMarksAfterThePrefix()
    {
        var parts = Highlights.WithoutPrefix(Highlights.Parse($"Is {O}AI{C} safe? Is {O}AI{C} kind?"), "Is AI safe?");

        Assert.Equal("Is [AI] kind?", Show(parts));
    }
}
