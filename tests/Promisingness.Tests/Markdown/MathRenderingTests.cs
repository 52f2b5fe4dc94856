using System.Diagnostics;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Publishing;
using Promisingness.Web.Markdown;
using Promisingness.Web.Security;
using Xunit.Abstractions;

namespace Promisingness.Tests.Markdown;

/// <summary>
/// TeX in a text becomes MathML when the text is rendered (Temml in Jint, TexToMathMl), so the stored HTML shows math
/// to every reader without a script; hostile TeX yields nothing outside the gate's allow-list.
/// </summary>
public sealed class MathRenderingTests(ITestOutputHelper output)
{
    private static readonly MarkdownRenderer Renderer = new();

    public static TheoryData<string, string> TexInputs => new()
    {
        // Inline, a superscript (Temml's class for its own stylesheet is dropped by the gate), its TeX kept beside it.
        { "A square: $x^2$.", "<p>A square: <math><semantics><msup><mi>x</mi><mn>2</mn></msup><annotation encoding=\"application/x-tex\">x^2</annotation></semantics></math>.</p>" },
        // Greek letters.
        { "$\\alpha+\\beta$", "<math><semantics><mrow><mi>α</mi><mo>+</mo><mi>β</mi></mrow><annotation encoding=\"application/x-tex\">\\alpha+\\beta</annotation></semantics></math>" },
        // Display math in its own block, a fraction.
        { "$$\n\\frac{a}{b}\n$$", "<math display=\"block\"><semantics><mfrac><mi>a</mi><mi>b</mi></mfrac><annotation encoding=\"application/x-tex\">\\frac{a}{b}</annotation></semantics></math>" },
        // The fence, a sum with limits above and below.
        {
            "```math\n\\sum_{i=1}^n i^2\n```",
            "<math display=\"block\"><semantics><mrow><mrow><munderover><mo movablelimits=\"false\">∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover></mrow><msup><mi>i</mi><mn>2</mn></msup></mrow><annotation encoding=\"application/x-tex\">\\sum_{i=1}^n i^2</annotation></semantics></math>"
        },
        // Inline, limits beside the sign.
        { "$\\sum_{i=1}^n i$", "<msubsup><mo movablelimits=\"false\">∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></msubsup>" },
        // Spacing and fences keep their attributes.
        { "$f(x)\\,dx$", "<mo fence=\"true\" form=\"prefix\" stretchy=\"false\">(</mo><mi>x</mi><mo fence=\"true\" form=\"postfix\" stretchy=\"false\">)</mo></mrow><mspace width=\"0.1667em\"></mspace>" },
        // A dollar sign escaped inside math is TeX's own.
        { "$a \\$ b$", "<math><semantics><mrow><mi>a</mi><mi>$</mi><mi>b</mi></mrow><annotation encoding=\"application/x-tex\">a \\$ b</annotation></semantics></math>" },
    };

    [Theory]
    [MemberData(nameof(TexInputs))]
    public void ToSafeHtml_Tex_BecomesMathMl(string markdown, string fragment)
    {
        var html = Renderer.ToSafeHtml(markdown);

        Assert.Contains(fragment, html, StringComparison.Ordinal);
        SafeHtmlAssert.IsSafe(html);
    }

    [Fact]
    public void ToSafeHtml_Math_IsInTheMathMlNamespaceForABrowser()
    {
        var document = new HtmlParser().ParseDocument(Renderer.ToSafeHtml("Energy: $E = mc^2$"));

        var math = Assert.Single(document.QuerySelectorAll("math"));
        Assert.Equal(NamespaceNames.MathMlUri, math.NamespaceUri);
        Assert.Equal("p", math.ParentElement?.LocalName);
    }

    [Theory]
    [InlineData("It costs $10 and $20.")]
    [InlineData("Between $10M and $20M a year")]
    [InlineData("A 16$ or a $15 fee")]
    [InlineData("Prices: \\$10, \\$20 and \\$30.")]
    [InlineData("A $ sign alone")]
    public void ToSafeHtml_DollarAmounts_StayText(string markdown)
    {
        var html = Renderer.ToSafeHtml(markdown);

        Assert.DoesNotContain("<math", html, StringComparison.Ordinal);
        Assert.DoesNotContain(TexToMathMlClass, html, StringComparison.Ordinal);
        Assert.Contains("$", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$\\frac{a$", "\\frac{a")]
    [InlineData("$$\n\\begin{matrix} a \n$$", "\\begin{matrix} a")]
    [InlineData("```math\n\\undefinedcommand{x}\n```", "\\undefinedcommand{x}")]
    public void ToSafeHtml_BadTex_ShowsItsSourceWithTheError(string markdown, string source)
    {
        var html = Renderer.ToSafeHtml(markdown);
        output.WriteLine(html);

        var error = Assert.Single(new HtmlParser().ParseDocument(html).QuerySelectorAll("span." + TexToMathMlClass));
        Assert.Contains(source, error.TextContent, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.GetAttribute("title")), html);
        Assert.DoesNotContain("<math", html, StringComparison.Ordinal);
        SafeHtmlAssert.IsSafe(html);
    }

    public static TheoryData<string> HostileTex => [.. HostileTexCorpus.All];

    [Theory]
    [MemberData(nameof(HostileTex))]
    public void ToSafeHtml_HostileTex_IsSafe(string markdown)
    {
        var stopwatch = Stopwatch.StartNew();
        var html = Renderer.ToSafeHtml(markdown);
        stopwatch.Stop();
        output.WriteLine($"{stopwatch.Elapsed.TotalMilliseconds:F0} ms: {html[..Math.Min(html.Length, 300)]}");

        SafeHtmlAssert.IsSafe(html);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("[href], [src], [style], [id], script, img, a"));
        // Bounded by TexToMathMl's limits (a second a formula), with room for a busy machine.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"{stopwatch.Elapsed} for {markdown[..Math.Min(40, markdown.Length)]}");
    }

    [Fact]
    public void ToSafeHtml_TexLongerThanTheLimit_IsShownAsSource()
    {
        var tex = string.Concat(Enumerable.Repeat("x+", TexToMathMl.MaxTexLength));

        var html = Renderer.ToSafeHtml("$" + tex + "x$");

        Assert.Contains(TexToMathMlClass, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<math", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_TextOfManySlowFormulas_StopsRenderingThemWithinItsBudget()
    {
        // Each different, so none is remembered from the one before.
        var slow = Enumerable.Range(0, 100).Select(i =>
            "$" + string.Concat(Enumerable.Repeat("\\frac{1}{", 390)) + "x_{" + i + "}" + string.Concat(Enumerable.Repeat("}", 390)) + "$");
        var stopwatch = Stopwatch.StartNew();

        var html = Renderer.ToSafeHtml(string.Join("\n\n", slow));

        output.WriteLine($"{stopwatch.Elapsed} for 100 slow formulas");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(25), $"{stopwatch.Elapsed} for 100 slow formulas");
        Assert.Contains("shown as written", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_AfterAFormulaThatFailed_RendersTheNextOne()
    {
        Renderer.ToSafeHtml("$\\def\\a{\\a\\a}\\a$");

        Assert.Contains("<math><semantics><mi>y</mi><annotation encoding=\"application/x-tex\">y</annotation></semantics></math>", Renderer.ToSafeHtml("$y$"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToSafeHtml_FromManyThreadsAtOnce_RendersEachFormula()
    {
        var formulas = Enumerable.Range(0, 64).Select(i => $"$x_{{{i}}}$").ToArray();

        var rendered = await Task.WhenAll(formulas.Select(f => Task.Run(() => Renderer.ToSafeHtml(f))));

        for (var i = 0; i < formulas.Length; i++)
        {
            Assert.Contains($"<mn>{i}</mn>", rendered[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PublicEntryWithMath_ServesMathMlToAnAnonymousVisitor_AndTheStaticSiteKeepsIt()
    {
        using var app = new WikiApp(seed: false);
        var writer = await Members.AddAsync(app, "math-writer@test.local", Roles.Mentor);
        var saved = Assert.IsType<SaveResult.Saved>(await app.Get<EntryEditor>().CreateAsync(writer, EntryKind.Topic,
            new EntryInput("Scaling laws", "The loss falls as $L(N) = (N_c / N)^{\\alpha_N}$.\n\n$$\n\\frac{a}{b}\n$$", Web.Data.Visibility.Public, null, "")));

        var client = app.CreateClient();
        var page = await client.GetStringAsync("/topics/" + saved.Slug);

        var maths = new HtmlParser().ParseDocument(page).QuerySelectorAll("math");
        Assert.Equal(2, maths.Length);
        Assert.Equal("block", maths[1].GetAttribute("display"));
        Assert.Contains("<mi>α</mi>", page, StringComparison.Ordinal);

        var folder = Directory.CreateTempSubdirectory("promisingness-math-site").FullName;
        try
        {
            await app.Get<SiteExporter>().ExportAsync(client, folder);
            var exported = await File.ReadAllTextAsync(Path.Combine(folder, "topics", saved.Slug, "index.html"));
            Assert.Equal(2, new HtmlParser().ParseDocument(exported).QuerySelectorAll("math").Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string TexToMathMlClass = TexToMathMl.ErrorClass;
}
