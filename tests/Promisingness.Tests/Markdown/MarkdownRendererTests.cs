using AngleSharp.Html.Parser;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Markdown;

public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly IReadOnlyList<string> Corpus = HostileMarkdown.Load(Path.Combine(AppContext.BaseDirectory, "TestData"));

    [Fact]
    public void Corpus_HasAtLeast150Inputs() => Assert.True(Corpus.Count >= 150, $"{Corpus.Count} inputs");

    [Theory]
    [MemberData(nameof(HostileMarkdown.Indexes), MemberType = typeof(HostileMarkdown))]
    public void ToSafeHtml_HostileInput_GivesNothingThatCanRunScript(int index) =>
        SafeHtmlAssert.IsSafe(Renderer.ToSafeHtml(Corpus[index]));

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\">")]
    [InlineData("<p style=\"color:red\">x</p>")]
    [InlineData("<svg></svg>")]
    public void SafeHtmlAssert_HtmlThatCouldRunScript_Fails(string html) =>
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => SafeHtmlAssert.IsSafe(html));

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x][r]\n\n[r]: &#106;avascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![pic](java&#09;script:alert(1))")]
    public void ToSafeHtml_UnsafeLink_KeepsItsTextButNotTheUrl(string markdown)
    {
        var html = Renderer.ToSafeHtml(markdown);

        Assert.Empty(Parse(html).QuerySelectorAll("a[href], img[src]"));
        Assert.NotEmpty(Parse(html).Body!.TextContent.Trim());
    }

    [Fact]
    public void ToSafeHtml_OrdinaryLinks_KeepTheirUrlsAndExternalOnesGetRel()
    {
        var document = Parse(Renderer.ToSafeHtml("[a](https://example.org) [b](mailto:x@example.org) [c](topics/x) [d](#part)"));

        var links = document.QuerySelectorAll("a").ToList();
        Assert.Equal(["https://example.org", "mailto:x@example.org", "topics/x", "#u-part"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal("nofollow noopener noreferrer", links[0].GetAttribute("rel"));
    }

    [Fact]
    public void ToSafeHtml_Headings_StartAtTheSecondLevelWithPrefixedIds()
    {
        var document = Parse(Renderer.ToSafeHtml("# One\n## Two\n###### Six"));

        Assert.Empty(document.QuerySelectorAll("h1"));
        Assert.Equal("u-one", document.QuerySelector("h2")!.Id);
        Assert.NotNull(document.QuerySelector("h3"));
        Assert.Equal(2, document.QuerySelectorAll("h6").Length + document.QuerySelectorAll("h3").Length);
    }

    [Fact]
    public void ToSafeHtml_RawHtml_IsShownAsText()
    {
        var document = Parse(Renderer.ToSafeHtml("<b>bold?</b> <script>alert(1)</script>"));

        Assert.Empty(document.QuerySelectorAll("b, script"));
        Assert.Contains("<script>alert(1)</script>", document.Body!.TextContent);
    }

    [Fact]
    public void ToSafeHtml_TablesTaskListsCodeAndStrikethrough_Render()
    {
        var document = Parse(Renderer.ToSafeHtml("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n```\ncode\n```\n\n~~gone~~"));

        Assert.Equal(2, document.QuerySelectorAll("td").Length);
        var boxes = document.QuerySelectorAll("input[type=checkbox]");
        Assert.Equal(2, boxes.Length);
        Assert.All(boxes, box => Assert.True(box.HasAttribute("disabled")));
        Assert.NotNull(document.QuerySelector("pre code"));
        Assert.NotNull(document.QuerySelector("del"));
    }

    [Fact]
    public void ToSafeHtml_ImageWithAlt_KeepsTheAltAndLoadsLazily()
    {
        var image = Parse(Renderer.ToSafeHtml("![A chart](https://example.org/chart.png)")).QuerySelector("img")!;

        Assert.Equal("A chart", image.GetAttribute("alt"));
        Assert.Equal("lazy", image.GetAttribute("loading"));
    }

    [Fact]
    public void ToSafeHtml_BareUrl_BecomesALink() =>
        Assert.Equal("https://example.org/x", Parse(Renderer.ToSafeHtml("See https://example.org/x now.")).QuerySelector("a")?.GetAttribute("href"));

    [Fact]
    public void ToSafeHtml_Footnotes_LinkWithinThePage()
    {
        var document = Parse(Renderer.ToSafeHtml("Claim[^1]\n\n[^1]: Source."));

        var reference = document.QuerySelector("a.footnote-ref")!;
        Assert.StartsWith("#u-", reference.GetAttribute("href"));
        Assert.NotNull(document.GetElementById(reference.GetAttribute("href")![1..]));
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);
}
