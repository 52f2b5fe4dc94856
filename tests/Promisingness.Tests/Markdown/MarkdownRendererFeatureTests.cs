using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Markdown;

public sealed class MarkdownRendererFeatureTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Theory]
    [InlineData("[a](https://example.com/x?y=1#z)", "https://example.com/x?y=1#z")]
    [InlineData("[a](http://example.com)", "http://example.com")]
    [InlineData("[a](mailto:someone@example.com)", "mailto:someone@example.com")]
    [InlineData("[a](/topics/interpretability)", "/topics/interpretability")]
    [InlineData("[a](./other)", "./other")]
    [InlineData("[a](other-page)", "other-page")]
    [InlineData("[a](#background)", "#u-background")]
    [InlineData("[a](/search?q=a:b)", "/search?q=a:b")]
    public void ToSafeHtml_AllowedLink_KeepsItsHref(string markdown, string href)
    {
        var link = Single(markdown, "a");

        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal("a", link.TextContent);
    }

    [Fact]
    public void ToSafeHtml_ReferenceLink_Works()
    {
        var link = Single("See [the post][post].\n\n[post]: https://www.lesswrong.com/posts/abc \"A title\"", "a");

        Assert.Equal("https://www.lesswrong.com/posts/abc", link.GetAttribute("href"));
        Assert.Equal("A title", link.GetAttribute("title"));
    }

    [Theory]
    [InlineData("[a](https://example.com)")]
    [InlineData("<https://example.com>")]
    [InlineData("see https://example.com/page today")]
    [InlineData("[a](//example.com/x)")]
    public void ToSafeHtml_ExternalLink_GetsNofollowNoopenerNoreferrer(string markdown)
    {
        var link = Single(markdown, "a");

        Assert.Equal("nofollow noopener noreferrer", link.GetAttribute("rel"));
    }

    [Theory]
    [InlineData("[a](/topics/x)")]
    [InlineData("[a](#x)")]
    [InlineData("[a](mailto:a@example.com)")]
    public void ToSafeHtml_InternalOrMailLink_GetsNoRel(string markdown)
    {
        Assert.Null(Single(markdown, "a").GetAttribute("rel"));
    }

    [Fact]
    public void ToSafeHtml_BareUrl_IsAutolinked()
    {
        var link = Single("Read https://arxiv.org/abs/2301.00001 first.", "a");

        Assert.Equal("https://arxiv.org/abs/2301.00001", link.GetAttribute("href"));
    }

    [Fact]
    public void ToSafeHtml_EmailAutolink_BecomesMailto()
    {
        Assert.Equal("mailto:someone@example.com", Single("<someone@example.com>", "a").GetAttribute("href"));
    }

    [Fact]
    public void ToSafeHtml_Image_KeepsAltAndLoadsLazily()
    {
        var image = Single("![A diagram](https://example.com/d.png \"Diagram\")", "img");

        Assert.Equal("https://example.com/d.png", image.GetAttribute("src"));
        Assert.Equal("A diagram", image.GetAttribute("alt"));
        Assert.Equal("Diagram", image.GetAttribute("title"));
        Assert.Equal("lazy", image.GetAttribute("loading"));
    }

    [Fact]
    public void ToSafeHtml_Headings_AreShiftedDownOneLevel()
    {
        var body = Parse(Renderer.ToSafeHtml("# One\n\n## Two\n\n###### Six"));

        Assert.Empty(body.QuerySelectorAll("h1"));
        Assert.Equal("One", body.QuerySelector("h2")?.TextContent);
        Assert.Equal("Two", body.QuerySelector("h3")?.TextContent);
        Assert.Equal("Six", body.QuerySelector("h6")?.TextContent);
    }

    [Fact]
    public void ToSafeHtml_Heading_GetsAnIdentifier()
    {
        Assert.Equal("u-some-brainstorming-questions", Single("# Some Brainstorming questions", "h2").Id);
    }

    [Fact]
    public void ToSafeHtml_PipeTable_RendersWithAlignment()
    {
        var body = Parse(Renderer.ToSafeHtml("| Name | Count |\n|:-----|------:|\n| a | 1 |\n| b | 2 |"));

        Assert.Equal(["Name", "Count"], body.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal(2, body.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("right", body.QuerySelectorAll("tbody td")[1].GetAttribute("align"));
        Assert.Empty(body.QuerySelectorAll("[style]"));
    }

    [Fact]
    public void ToSafeHtml_TaskList_RendersDisabledCheckboxes()
    {
        var body = Parse(Renderer.ToSafeHtml("- [ ] todo\n- [x] done"));

        var boxes = body.QuerySelectorAll("li input");
        Assert.Equal(2, boxes.Length);
        Assert.All(boxes, box =>
        {
            Assert.Equal("checkbox", box.GetAttribute("type"));
            Assert.True(box.HasAttribute("disabled"));
        });
        Assert.False(boxes[0].HasAttribute("checked"));
        Assert.True(boxes[1].HasAttribute("checked"));
        Assert.Contains("task-list-item", body.QuerySelector("li")!.ClassList);
    }

    [Fact]
    public void ToSafeHtml_FencedCode_KeepsTheCodeAndItsLanguage()
    {
        var code = Single("```csharp\nvar x = a < b && c;\n```", "pre > code");

        Assert.Equal("var x = a < b && c;\n", code.TextContent);
        Assert.Equal("language-csharp", code.GetAttribute("class"));
    }

    [Fact]
    public void ToSafeHtml_InlineCode_IsCode()
    {
        Assert.Equal("<b>", Single("Use `<b>` sparingly.", "code").TextContent);
    }

    [Fact]
    public void ToSafeHtml_Footnote_LinksBothWays()
    {
        var body = Parse(Renderer.ToSafeHtml("A claim.[^1]\n\n[^1]: The source."));

        var reference = body.QuerySelector("a.footnote-ref");
        Assert.NotNull(reference);
        var target = reference.GetAttribute("href")!.TrimStart('#');
        var note = body.QuerySelector("div.footnotes li");
        Assert.NotNull(note);
        Assert.Equal(target, note.Id);
        Assert.Contains("The source.", note.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_Strikethrough_IsDel()
    {
        Assert.Equal("gone", Single("~~gone~~", "del").TextContent);
    }

    [Fact]
    public void ToSafeHtml_EmphasisListsAndQuotes_Render()
    {
        var body = Parse(Renderer.ToSafeHtml("*em* **strong**\n\n1. one\n2. two\n\n> quoted\n\n---"));

        Assert.Equal("em", body.QuerySelector("em")?.TextContent);
        Assert.Equal("strong", body.QuerySelector("strong")?.TextContent);
        Assert.Equal(2, body.QuerySelectorAll("ol > li").Length);
        Assert.Contains("quoted", body.QuerySelector("blockquote")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(body.QuerySelector("hr"));
    }

    [Fact]
    public void ToSafeHtml_OrderedListStart_IsKept()
    {
        Assert.Equal("3", Single("3. three\n4. four", "ol").GetAttribute("start"));
    }

    [Fact]
    public void ToSafeHtml_EmptyInput_GivesEmptyOutput()
    {
        Assert.Equal(string.Empty, Renderer.ToSafeHtml(string.Empty).Trim());
    }

    [Fact]
    public void ToSafeHtml_SeedReadme_RendersSafely()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "seed-README.md"));

        var html = Renderer.ToSafeHtml(readme);

        SafeHtmlAssert.IsSafe(html);
        Assert.NotEmpty(Parse(html).QuerySelectorAll("h2"));
        Assert.NotEmpty(Parse(html).QuerySelectorAll("a[href^='https://']"));
    }

    [Fact]
    public void ToSafeHtml_ManyThreads_GiveTheSameResult()
    {
        const string markdown = "# T\n\n[a](https://example.com) ![i](/i.png) | x |\n|---|\n| 1 |";
        var expected = Renderer.ToSafeHtml(markdown);

        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = Renderer.ToSafeHtml(markdown));

        Assert.All(results, result => Assert.Equal(expected, result));
    }

    private static IElement Single(string markdown, string selector)
    {
        var matches = Parse(Renderer.ToSafeHtml(markdown)).QuerySelectorAll(selector);
        Assert.Single(matches);
        return matches[0];
    }

    private static IElement Parse(string html) => new HtmlParser().ParseDocument(html).Body!;
}
