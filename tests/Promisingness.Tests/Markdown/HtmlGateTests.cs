using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MarkdownBench;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Markdown;

/// <summary>
/// The gate on its own, fed HTML that Markdig would never write: whatever reaches it, only allowed markup leaves.
/// </summary>
public sealed class HtmlGateTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<SCRIPT>alert(1)</SCRIPT>")]
    [InlineData("<scr<script>ipt>alert(1)</script>")]
    [InlineData("<svg onload=\"alert(1)\"><circle /></svg>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<iframe src=\"https://example.com\"></iframe>")]
    [InlineData("<object data=\"x.swf\"></object><embed src=\"x.swf\">")]
    [InlineData("<style>body{display:none}</style>")]
    [InlineData("<textarea><img src=x onerror=alert(1)></textarea>")]
    [InlineData("<form action=\"https://evil.example\"><button>go</button></form>")]
    [InlineData("<base href=\"https://evil.example/\">")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">")]
    [InlineData("<!-- <script>alert(1)</script> -->")]
    [InlineData("<![CDATA[<script>alert(1)</script>]]>")]
    [InlineData("<!DOCTYPE html><p>x</p>")]
    [InlineData("<?xml version=\"1.0\"?><p>x</p>")]
    [InlineData("<h1>title</h1>")]
    public void Filter_ElementNotOnTheList_BecomesText(string html)
    {
        var output = HtmlGate.Filter(html);

        SafeHtmlAssert.IsSafe(output);
        var body = Parse(output);
        Assert.All(body.QuerySelectorAll("*"), e => Assert.True(HtmlGate.Tags.Contains(e.LocalName), e.LocalName));
        Assert.Contains(html[..Math.Min(6, html.Length)], body.TextContent, StringComparison.Ordinal);
    }

    // MathML (TexToMathMl's) passes as presentation markup only: what is inside or on it is held to the same list.
    [Theory]
    [InlineData("<math><mtext><script>alert(1)</script></mtext></math>")]
    [InlineData("<math><maction actiontype=\"toggle\"><mi>x</mi></maction></math>")]
    [InlineData("<math><mi href=\"javascript:alert(1)\">x</mi></math>")]
    [InlineData("<math><mrow src=\"https://example.com/x.png\"><mi>x</mi></mrow></math>")]
    [InlineData("<math xmlns=\"http://www.w3.org/1999/xhtml\"><mi>x</mi></math>")]
    [InlineData("<math><semantics><annotation-xml encoding=\"text/html\"><script>alert(1)</script></annotation-xml></semantics></math>")]
    [InlineData("<math><mi style=\"position:fixed\" onclick=\"alert(1)\">x</mi></math>")]
    [InlineData("<math><mglyph src=\"https://example.com/x.png\" /></math>")]
    public void Filter_MathMl_KeepsOnlyPresentationMarkup(string html)
    {
        var output = HtmlGate.Filter(html);

        SafeHtmlAssert.IsSafe(output);
        var body = Parse(output);
        var math = Assert.Single(body.QuerySelectorAll("math"));
        Assert.Equal(NamespaceNames.MathMlUri, math.NamespaceUri);
        Assert.All(body.QuerySelectorAll("*"), e => Assert.True(HtmlGate.Tags.Contains(e.LocalName), e.LocalName));
        Assert.Empty(body.QuerySelectorAll("[href], [src], [style], [onclick], script, [xmlns]"));
    }

    [Theory]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\" />")]
    [InlineData("<p onclick=\"alert(1)\">x</p>")]
    [InlineData("<a href=\"/x\" onmouseover=\"alert(1)\">x</a>")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>")]
    [InlineData("<div data-x=\"1\" formaction=\"javascript:alert(1)\">x</div>")]
    [InlineData("<img srcset=\"javascript:alert(1) 1x\" />")]
    public void Filter_AttributeNotOnTheList_IsDropped(string html)
    {
        var output = HtmlGate.Filter(html);

        SafeHtmlAssert.IsSafe(output);
        var element = Parse(output).FirstElementChild!;
        Assert.All(element.Attributes, a => Assert.True(HtmlGate.Attributes.Contains(a.Name), a.Name));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("java\nscript:alert(1)")]
    [InlineData("java&#x0A;script:alert(1)")]
    [InlineData("java&#9;script:alert(1)")]
    [InlineData("&#106;avascript:alert(1)")]
    [InlineData("&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)")]
    [InlineData("javascript&colon;alert(1)")]
    [InlineData("&amp;#106;avascript:alert(1)")]
    [InlineData("jav%61script:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("DATA:image/svg+xml,&lt;svg onload=alert(1)&gt;")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("file:///etc/passwd")]
    public void Filter_UrlWithAnotherScheme_LosesTheAttribute(string url)
    {
        var output = HtmlGate.Filter($"<a href=\"{url}\">x</a><img src=\"{url}\" alt=\"y\" />");

        SafeHtmlAssert.IsSafe(output);
        var body = Parse(output);
        Assert.Empty(body.QuerySelectorAll("[href], [src]"));
        Assert.Equal("x", body.QuerySelector("a")?.TextContent);
    }

    [Theory]
    [InlineData("<a href=javascript:alert(1)>x</a>")]
    [InlineData("<a href='javascript:alert(1)'>x</a>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"/x\"title=\"t\">x</a>")]
    [InlineData("<a\thref=\"/x\">x</a>")]
    [InlineData("<a href=\"/x\" checked>x</a>")]
    [InlineData("<a href=\"/x\" <script>alert(1)</script>\">x</a>")]
    [InlineData("<a href=\"/x")]
    [InlineData("<p/>")]
    [InlineData("<P>x</P>")]
    [InlineData("<p >x</p>")]
    public void Filter_TagNotWrittenTheWayMarkdigWritesIt_BecomesText(string html)
    {
        var output = HtmlGate.Filter(html);

        SafeHtmlAssert.IsSafe(output);
        Assert.StartsWith("&lt;", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_QuoteOrAngleBracketInAValue_CannotBreakOut()
    {
        var output = HtmlGate.Filter("<img src=\"/a.png\" alt=\"&quot; onerror=&quot;alert(1)&quot; &gt;&lt;script&gt;\" />");

        SafeHtmlAssert.IsSafe(output);
        var image = Parse(output).QuerySelector("img")!;
        Assert.Equal(["src", "alt", "loading"], image.Attributes.Select(a => a.Name));
        Assert.Equal("\" onerror=\"alert(1)\" ><script>", image.GetAttribute("alt"));
        Assert.DoesNotContain("<script", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_RawAngleBracketInsideAValue_IsNotATag()
    {
        var output = HtmlGate.Filter("<a title=\"<img src=x onerror=alert(1)>\">x</a>");

        SafeHtmlAssert.IsSafe(output);
        Assert.Empty(Parse(output).QuerySelectorAll("img"));
    }

    [Fact]
    public void Filter_TextWithStrayAngleBrackets_KeepsThemAsText()
    {
        var output = HtmlGate.Filter("<p>a < b > c &amp; d &#123; <</p>");

        Assert.Equal("<p>a &lt; b > c &amp; d &#123; &lt;</p>", output);
    }

    [Theory]
    [InlineData("<input type=\"text\" value=\"x\" />")]
    [InlineData("<input type=\"hidden\" />")]
    [InlineData("<input />")]
    [InlineData("<input type=\"submit\" type=\"checkbox\" />")]
    public void Filter_InputThatIsNotACheckbox_IsDropped(string html)
    {
        Assert.Equal("<p>x</p>", HtmlGate.Filter("<p>" + html + "x</p>"));
    }

    [Fact]
    public void Filter_Checkbox_IsAlwaysDisabled()
    {
        var output = HtmlGate.Filter("<input type=\"checkbox\" checked=\"checked\" name=\"n\" />");

        var box = Parse(output).QuerySelector("input")!;
        Assert.True(box.HasAttribute("disabled"));
        Assert.True(box.HasAttribute("checked"));
        Assert.False(box.HasAttribute("name"));
    }

    [Theory]
    [InlineData("<h2 id=\"blazor-error-ui\">x</h2>", "id", "u-blazor-error-ui")]
    [InlineData("<a href=\"#blazor-error-ui\">x</a>", "href", "#u-blazor-error-ui")]
    [InlineData("<li id=\"fn:1\">x</li>", "id", "u-fn:1")]
    public void Filter_IdsAndInPageLinks_GetThePrefix(string html, string attribute, string expected)
    {
        Assert.Equal(expected, Parse(HtmlGate.Filter(html)).FirstElementChild!.GetAttribute(attribute));
    }

    [Theory]
    [InlineData("<code class=\"language-csharp\">x</code>", "language-csharp")]
    [InlineData("<code class=\"language-&quot;&gt;&lt;script&gt;\">x</code>", null)]
    [InlineData("<p class=\"language-csharp\">x</p>", null)]
    [InlineData("<li class=\"task-list-item mud-button\">x</li>", "task-list-item")]
    [InlineData("<div class=\"mud-overlay\">x</div>", null)]
    public void Filter_Classes_OnlyThoseOnTheList(string html, string? expected)
    {
        Assert.Equal(expected, Parse(HtmlGate.Filter(html)).FirstElementChild!.GetAttribute("class"));
    }

    [Fact]
    public void Filter_ExternalLink_GetsRelWhateverItHad()
    {
        var link = Parse(HtmlGate.Filter("<a href=\"https://example.com\" rel=\"opener\">x</a>")).QuerySelector("a")!;

        Assert.Equal("nofollow noopener noreferrer", link.GetAttribute("rel"));
    }

    [Fact]
    public void Filter_DuplicateAttribute_KeepsTheFirstAsBrowsersDo()
    {
        var output = HtmlGate.Filter("<a href=\"/ok\" href=\"javascript:alert(1)\">x</a>");

        Assert.Equal("<a href=\"/ok\">x</a>", output);
    }

    [Fact]
    public void Filter_LinkInsideALink_KeepsTheOuterLinkAndTheInnerText()
    {
        Assert.Equal("<a href=\"/a\">x y</a>", HtmlGate.Filter("<a href=\"/a\">x <a class=\"wikilink\" href=\"/b\">y</a></a>"));
    }

    [Fact]
    public void ToSafeHtml_WikiLinkInsideALinksText_IsTextOfThatLink()
    {
        var html = Renderer.ToSafeHtml("[see [[Known]]](/y)", target => new WikiLinkTarget("/topics/" + target));

        var link = Assert.Single(Parse(html).QuerySelectorAll("a"));
        Assert.Equal("/y", link.GetAttribute("href"));
        Assert.Equal("see Known", link.TextContent);
    }

    [Theory]
    [InlineData("<a href=\"/a\"><a href=\"/b\">x</a></a>")]
    [InlineData("<p><div>x</p></div>")]
    [InlineData("</div></div><p>x")]
    [InlineData("<table><tr><td>x")]
    public void Filter_UnbalancedTags_LeaveNothingOpenAndCloseNothingOutside(string html)
    {
        var output = HtmlGate.Filter(html);

        SafeHtmlAssert.IsSafe(output);
        // Inside a container, the fragment must close everything it opens and nothing it did not.
        var page = Parse("<div id=\"outside\">" + output + "</div><p id=\"after\">after</p>");
        Assert.Equal("after", page.QuerySelector("#outside + #after")?.TextContent);
        Assert.True(page.QuerySelectorAll("a a").Length == 0);
    }

    [Fact]
    public void Filter_StringBuilderInManyChunks_ReadsLikeTheString()
    {
        var html = string.Concat(Enumerable.Repeat("<p>a <a href=\"javascript:x\">b</a> &lt; <script></p>\n", 2_000));
        var builder = new System.Text.StringBuilder();
        foreach (var line in html.Split('\n'))
        {
            builder.Append(line).Append('\n');
        }

        builder.Length--;
        Assert.True(CountChunks(builder) > 1);

        Assert.Equal(HtmlGate.Filter(html), HtmlGate.Filter(builder));
    }

    [Fact]
    public void Filter_HundredThousandAngleBrackets_IsFastAndText()
    {
        var html = new string('<', 100_000) + "<a href=\"" + new string('<', 100_000);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var output = HtmlGate.Filter(html);

        Assert.True(watch.ElapsedMilliseconds < 1_000, $"{watch.ElapsedMilliseconds} ms");
        Assert.DoesNotContain('<', output);
    }

    public static TheoryData<int> RenderedInputs()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i <= HostileMarkdownCorpus.All.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    /// <summary>Every hostile corpus entry, and last the bench's spec-like text.</summary>
    [Theory]
    [MemberData(nameof(RenderedInputs))]
    public void ToSafeHtml_RenderedInput_HasOnlyAllowedElementsAttributesAndUrls(int index)
    {
        var markdown = index < HostileMarkdownCorpus.All.Count ? HostileMarkdownCorpus.All[index] : SpecLikeText.Build();

        var html = Renderer.ToSafeHtml(markdown);

        SafeHtmlAssert.IsSafe(html);
        foreach (var element in Parse(html).QuerySelectorAll("*"))
        {
            Assert.True(HtmlGate.Tags.Contains(element.LocalName), element.LocalName);
            foreach (var attribute in element.Attributes)
            {
                Assert.True(HtmlGate.Attributes.Contains(attribute.Name), attribute.Name);
            }

            if (element.GetAttribute("class") is { } classes)
            {
                Assert.All(classes.Split(' '), c => Assert.True(HtmlGate.Classes.Contains(c) || (element.LocalName == "code" && c.StartsWith("language-", StringComparison.Ordinal)), c));
            }

            foreach (var url in new[] { element.GetAttribute("href"), element.GetAttribute("src") })
            {
                Assert.True(url is null || SafeUrl.IsAllowed(url), url);
            }

            if (element.GetAttribute("id") is { } id)
            {
                Assert.StartsWith(MarkdownRenderer.IdPrefix, id, StringComparison.Ordinal);
            }
        }
    }

    private static int CountChunks(System.Text.StringBuilder builder)
    {
        var count = 0;
        foreach (var _ in builder.GetChunks())
        {
            count++;
        }

        return count;
    }

    private static IElement Parse(string html) => new HtmlParser().ParseDocument(html).Body!;
}
