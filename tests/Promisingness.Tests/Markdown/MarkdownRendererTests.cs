using AngleSharp.Html.Parser;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Markdown;

/// <summary>The id prefix and the checker's own ability to fail (the corpus tests live beside this file).</summary>
public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\">")]
    [InlineData("<p style=\"color:red\">x</p>")]
    [InlineData("<svg></svg>")]
    public void SafeHtmlAssert_HtmlThatCouldRunScript_Fails(string html) =>
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => SafeHtmlAssert.IsSafe(html));

    [Fact]
    public void ToSafeHtml_HeadingIds_ArePrefixedSoUserTextCannotTakeTheAppsIds()
    {
        var document = Parse(Renderer.ToSafeHtml("# blazor-error-ui\n\n[jump](#blazor-error-ui)"));

        Assert.Null(document.GetElementById("blazor-error-ui"));
        Assert.Equal("u-blazor-error-ui", document.QuerySelector("h2")!.Id);
        Assert.Equal("#u-blazor-error-ui", document.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void ToSafeHtml_Footnotes_StillLinkWithinThePage()
    {
        var document = Parse(Renderer.ToSafeHtml("Claim[^1]\n\n[^1]: Source."));

        var reference = document.QuerySelector("a.footnote-ref")!;
        Assert.StartsWith("#u-", reference.GetAttribute("href"));
        Assert.NotNull(document.GetElementById(reference.GetAttribute("href")![1..]));
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);
}
