using System.Diagnostics;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Promisingness.Web.Markdown;

/// <summary>
/// <c>$…$</c>, <c>$$…$$</c> and the <c>```math</c> fence, written as MathML (<see cref="TexToMathMl"/>) when the text is
/// rendered, so the stored HTML carries the math. Markdig's parser decides what is math: an opening <c>$</c> that
/// follows a letter or digit, or a closing one followed by a letter or digit or preceded by a space, is a dollar sign;
/// so "costs $10 and $20" stays prose, and <c>\$</c> writes a dollar sign anywhere.
/// </summary>
internal sealed class MathMarkdownExtension : IMarkdownExtension
{
    /// <summary>The language of a fenced code block that holds display math.</summary>
    public const string FenceLanguage = "math";

    // The parsers are Markdig's (UseMathematics, added before this extension); only the writing is this one's.
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html)
        {
            return;
        }

        // Markdig's own renderers write the TeX for a script to typeset in the browser; these write MathML.
        html.ObjectRenderers.RemoveAll(r => r is HtmlMathInlineRenderer or HtmlMathBlockRenderer);
        html.ObjectRenderers.InsertBefore<CodeBlockRenderer>(new MathBlockRenderer());
        html.ObjectRenderers.Insert(0, new MathInlineRenderer());
        html.ObjectRenderers.Replace<CodeBlockRenderer>(new MathFenceOrCodeRenderer());
    }

    // The time one text may spend on its formulas: each is bounded (TexToMathMl), but a text of many hostile ones
    // would otherwise hold the one engine, and every other save, for as long as it has formulas.
    private static readonly long TextBudget = 10 * Stopwatch.Frequency;

    [ThreadStatic]
    private static long t_spent;

    /// <summary>Called before each text is written: the time its formulas took so far is on the thread.</summary>
    public static void StartText() => t_spent = 0;

    private static string Render(string tex, bool display)
    {
        if (t_spent > TextBudget)
        {
            return TexToMathMl.Unrendered(tex, display, "This text's formulas took too long to render: this one and those after it are shown as written.");
        }

        var start = Stopwatch.GetTimestamp();
        var html = TexToMathMl.Shared.Render(tex, display);
        t_spent += Stopwatch.GetTimestamp() - start;
        return html;
    }

    private static void WriteMath(HtmlRenderer renderer, string tex, bool display) => renderer.Write(Render(tex, display));

    // A block of its own: MathML with display="block", or the error's span in a paragraph of its own.
    private static void WriteMathBlock(HtmlRenderer renderer, LeafBlock block)
    {
        renderer.EnsureLine();
        var html = Render(block.Lines.ToString(), display: true);
        var isMath = html.StartsWith("<math", StringComparison.Ordinal);
        renderer.Write(isMath ? "" : "<p>").Write(html).WriteLine(isMath ? "" : "</p>");
    }

    private sealed class MathInlineRenderer : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline obj) =>
            WriteMath(renderer, obj.Content.ToString(), display: obj.DelimiterCount > 1);
    }

    private sealed class MathBlockRenderer : HtmlObjectRenderer<MathBlock>
    {
        protected override void Write(HtmlRenderer renderer, MathBlock obj) => WriteMathBlock(renderer, obj);
    }

    // A ```math fence is display math; every other code block is written as before.
    private sealed class MathFenceOrCodeRenderer : CodeBlockRenderer
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock obj)
        {
            if (obj is FencedCodeBlock { Info: FenceLanguage })
            {
                WriteMathBlock(renderer, obj);
                return;
            }

            base.Write(renderer, obj);
        }
    }
}
