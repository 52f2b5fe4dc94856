using AngleSharp.Html.Parser;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Markdown;

public sealed class MarkdownRendererSafetyTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Fact]
    public void HostileCorpus_HasAtLeast150Entries()
    {
        Assert.True(HostileMarkdownCorpus.All.Count >= 150, $"only {HostileMarkdownCorpus.All.Count} entries");
    }

    [Theory]
    [MemberData(nameof(HostileMarkdownCorpus.Indexes), MemberType = typeof(HostileMarkdownCorpus))]
    public void ToSafeHtml_HostileCorpusEntry_RendersOnlySafeHtml(int index)
    {
        var html = Renderer.ToSafeHtml(HostileMarkdownCorpus.All[index]);

        SafeHtmlAssert.IsSafe(html);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](<java\0script:alert(1)>)")]
    [InlineData("[x](<\0javascript:alert(1)>)")]
    [InlineData("[x](<javascript\0:alert(1)>)")]
    [InlineData("![x](<java\0script:alert(1)>)")]
    [InlineData("[x][r]\n\n[r]: <java\0script:alert(1)>")]
    [InlineData("[x](<java\u00ADscript:alert(1)>)")]
    [InlineData("[x](<java\u200Bscript:alert(1)>)")]
    public void ToSafeHtml_SchemeWithNulOrInvisibleCharacters_LeavesNoHref(string markdown)
    {
        var html = Renderer.ToSafeHtml(markdown);

        SafeHtmlAssert.IsSafe(html);
        Assert.Empty(Parse(html).QuerySelectorAll("[href], [src]"));
    }

    [Fact]
    public void ToSafeHtml_JavascriptLinkInReferenceForm_DropsTheUrl()
    {
        var html = Renderer.ToSafeHtml("[click me][ref]\n\n[ref]: javascript:alert(1)");

        var body = Parse(html);
        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.Contains("click me", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_EntityEncodedJavascriptLink_KeepsTheTextAsPlainText()
    {
        var html = Renderer.ToSafeHtml("[**click** me](&#x6A;avascript&colon;alert(1))");

        var body = Parse(html);
        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.Equal("click", body.QuerySelector("strong")?.TextContent);
        Assert.Contains("click me", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_JavascriptImage_KeepsItsAltTextAsText()
    {
        var html = Renderer.ToSafeHtml("![a cat](javascript:alert(1))");

        var body = Parse(html);
        Assert.Empty(body.QuerySelectorAll("img"));
        Assert.Equal("a cat", body.TextContent.Trim());
    }

    [Fact]
    public void ToSafeHtml_JavascriptAutolink_ShowsTheUrlAsText()
    {
        var html = Renderer.ToSafeHtml("<javascript:alert(1)>");

        var body = Parse(html);
        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.Contains("javascript:alert(1)", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_DataImage_IsDropped()
    {
        var html = Renderer.ToSafeHtml("![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)");

        Assert.Empty(Parse(html).QuerySelectorAll("img"));
    }

    [Fact]
    public void ToSafeHtml_RawScriptTag_IsShownAsText()
    {
        var html = Renderer.ToSafeHtml("<script>window.__xss=1</script>");

        var body = Parse(html);
        Assert.Empty(body.QuerySelectorAll("script"));
        Assert.Contains("<script>window.__xss=1</script>", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_GenericAttributeSyntax_AddsNoAttribute()
    {
        var html = Renderer.ToSafeHtml("# Title {onclick=alert(1)}\n\n[x](https://example.com){onclick=alert(1)}");

        var body = Parse(html);
        Assert.All(body.QuerySelectorAll("*"), e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Fact]
    public void ToSafeHtml_MediaLink_IsAnImageNotAnIframe()
    {
        var html = Renderer.ToSafeHtml("![video](https://www.youtube.com/watch?v=dQw4w9WgXcQ)");

        var body = Parse(html);
        Assert.Empty(body.QuerySelectorAll("iframe, video, audio"));
    }

    [Fact]
    public void ToSafeHtml_CodeFenceInfoWithMarkup_DoesNotReachTheClassAttribute()
    {
        var html = Renderer.ToSafeHtml("```\"><script>alert(1)</script>\ncode\n```");

        var body = Parse(html);
        Assert.Empty(body.QuerySelectorAll("script"));
        Assert.Null(body.QuerySelector("code")?.GetAttribute("class"));
    }

    private static AngleSharp.Dom.IElement Parse(string html) => new HtmlParser().ParseDocument(html).Body!;
}
