using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Markdown;

public sealed class MarkdownPlainTextTests
{
    [Fact]
    public void ToPlainText_Markup_IsRemoved()
    {
        var text = MarkdownRenderer.ToPlainText("# Title\n\nSome **bold** and [a link](https://example.com) and `code`.", 200);

        Assert.Equal("Title Some bold and a link and code.", text);
    }

    [Fact]
    public void ToPlainText_RawHtml_StaysTextAndIsNotEncoded()
    {
        var text = MarkdownRenderer.ToPlainText("a < b & <script>x</script>", 200);

        Assert.Equal("a < b & <script>x</script>", text);
    }

    [Fact]
    public void ToPlainText_LongText_IsCutAtAWordBoundaryWithEllipsis()
    {
        var text = MarkdownRenderer.ToPlainText("alpha beta gamma delta epsilon", 16);

        Assert.Equal("alpha beta…", text);
        Assert.True(text.Length <= 16);
    }

    [Fact]
    public void ToPlainText_OneLongWord_IsCutInsideTheWord()
    {
        var text = MarkdownRenderer.ToPlainText(new string('x', 100), 10);

        Assert.Equal(new string('x', 9) + "…", text);
    }

    [Fact]
    public void ToPlainText_ShortText_IsUnchanged()
    {
        Assert.Equal("short", MarkdownRenderer.ToPlainText("short", 10));
    }

    [Fact]
    public void ToPlainText_CutBetweenSurrogates_DoesNotSplitThePair()
    {
        var text = MarkdownRenderer.ToPlainText(new string('x', 8) + "😀😀", 10);

        Assert.Equal(new string('x', 8) + "…", text);
    }
}
