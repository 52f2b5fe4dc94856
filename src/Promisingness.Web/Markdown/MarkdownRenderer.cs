using System.Globalization;
using System.Net;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Promisingness.Web.Markdown;

/// <summary>
/// Turns user Markdown into HTML that cannot run script. Thread-safe: the Markdig pipeline is built once and
/// only read afterwards, so one instance serves the whole app.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>The prefix of every id that comes from user text (see HtmlGate).</summary>
    public const string IdPrefix = "u-";

    /// <summary>
    /// Raise it with any change that alters the HTML made from existing text (the pipeline, HtmlGate, a fix to
    /// either): the next start renders every stored text again (StoredHtmlRefresh), so a fix reaches what was
    /// written before it. 1: HtmlGate in place of HtmlSanitizer. 2: TeX between dollar signs and in ```math fences as
    /// MathML (TexToMathMl). 3: uploaded images carry their width and height (UploadedImages). 4: math carries its TeX
    /// as an annotation (for excerpts and the feed). MarkdownOutputVersionTests notices a change.
    /// </summary>
    public const int OutputVersion = 4;

    /// <summary>How <see cref="OutputVersion"/> is stored in the settings beside the HTML it made.</summary>
    public static readonly string OutputVersionText = OutputVersion.ToString(CultureInfo.InvariantCulture);

    [ThreadStatic]
    private static StringWriter? t_writer;

    private readonly MarkdownPipeline _pipeline = BuildPipeline();

    /// <summary>
    /// Renders Markdown to sanitised HTML: the only HTML from users that a page may emit unescaped.
    /// <paramref name="resolveLink"/> finds the entry a [[wiki link]] names, or null when there is none.
    /// </summary>
    public string ToSafeHtml(string markdown, Func<string, WikiLinkTarget?>? resolveLink = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return ToSafeHtml(markdown, ParseOrNull(markdown), resolveLink);
    }

    /// <summary>
    /// A text parsed once for a caller that needs its wiki links before it renders it: a save or a comment reads
    /// the entries the links name, then renders, and parsing is a large part of a save (bench/ scenario 7).
    /// </summary>
    public ParsedText Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return new ParsedText(this, markdown, ParseOrNull(markdown));
    }

    /// <summary>A parsed text: its wiki-link targets, and its safe HTML once they are resolved. Render it once.</summary>
    public sealed class ParsedText
    {
        private readonly MarkdownRenderer renderer;
        private readonly string markdown;
        private readonly MarkdownDocument? document;

        internal ParsedText(MarkdownRenderer renderer, string markdown, MarkdownDocument? document)
        {
            this.renderer = renderer;
            this.markdown = markdown;
            this.document = document;
            WikiLinkTargets = TargetsIn(document);
            AttachedImages = UploadedImages.In(document);
        }

        public IReadOnlyList<string> WikiLinkTargets { get; }

        /// <summary>The content hashes of the images uploaded to the wiki that the text shows.</summary>
        public IReadOnlyList<string> AttachedImages { get; }

        /// <summary>
        /// The safe HTML, with [[links]] resolved by <paramref name="resolveLink"/> and uploaded images given the size
        /// <paramref name="imageSize"/> knows for their hash.
        /// </summary>
        public string ToSafeHtml(Func<string, WikiLinkTarget?>? resolveLink = null, Func<string, ImageSize?>? imageSize = null)
        {
            if (document is not null && imageSize is not null)
            {
                UploadedImages.Size(document, imageSize);
            }
            return renderer.ToSafeHtml(markdown, document, resolveLink);
        }
    }

    // Markdig refuses documents nested past its depth limit (thousands of '>', '[' or '*') by throwing: null.
    private MarkdownDocument? ParseOrNull(string markdown)
    {
        try
        {
            return Markdig.Markdown.Parse(markdown, _pipeline);
        }
        catch (Exception)
        {
            return null;
        }
    }

    // Read before MakeSafe changes the document.
    private static IReadOnlyList<string> TargetsIn(MarkdownDocument? document) =>
        document is null ? [] : [.. document.Descendants<WikiLinkInline>().Select(l => l.Target).Distinct()];

    private string ToSafeHtml(string markdown, MarkdownDocument? document, Func<string, WikiLinkTarget?>? resolveLink)
    {
        try
        {
            if (document is not null)
            {
                MakeSafe(document);
                return HtmlGate.Filter(Render(document, resolveLink));
            }
        }
        catch (Exception)
        {
            // Rendering failed past the parser's own checks: fall through to escaped text.
        }
        // The page must still show something, and escaped text is always safe.
        return HtmlGate.Filter(AsEscapedParagraphs(markdown));
    }

    private static MarkdownPipeline BuildPipeline()
    {
        // Chosen one by one. Never UseAdvancedExtensions(): its generic attributes let {onclick=...}
        // through and its media links emit iframes.
        return new MarkdownPipelineBuilder()
            .UsePipeTables()
            .Use<LinearPipeTablesExtension>()
            .UseEmphasisExtras()
            .UseAutoLinks()
            .UseTaskLists()
            .UseAutoIdentifiers()
            .UseFootnotes()
            .UseListExtras()
            .Use<WikiLinkExtension>()
            .Use<SafeLinksExtension>()
            .UseMathematics()
            .Use<MathMarkdownExtension>()
            .DisableHtml()
            .Build();
    }

    // Into a buffer kept per thread, which the gate reads in place: the HTML before the gate is never made
    // into a string of its own (see HtmlGate.MaxKeptChars). The call's wiki-link resolver travels with the document.
    private StringBuilder Render(MarkdownDocument document, Func<string, WikiLinkTarget?>? resolveLink)
    {
        if (resolveLink is not null)
        {
            document.SetData(WikiLinkRenderer.ResolverKey, resolveLink);
        }

        var writer = t_writer is { } kept && kept.GetStringBuilder().Capacity <= HtmlGate.MaxKeptChars ? kept : new StringWriter(CultureInfo.InvariantCulture);
        t_writer = writer;
        writer.GetStringBuilder().Clear();
        MathMarkdownExtension.StartText();
        Markdig.Markdown.ToHtml(document, writer, _pipeline);
        writer.Flush();
        return writer.GetStringBuilder();
    }

    // Blocks only, in one walk; links are checked as they are written (SafeLinkRenderer, SafeAutolinkRenderer).
    // An explicit stack rather than recursion: Markdig allows deeper nesting than a thread's stack would.
    private static void MakeSafe(MarkdownDocument document)
    {
        var blocks = new Stack<Block>();
        blocks.Push(document);
        while (blocks.Count > 0)
        {
            switch (blocks.Pop())
            {
                case HeadingBlock heading:
                    // Every page has one <h1> of its own; a body's "#" is the next level down.
                    heading.Level = Math.Min(heading.Level + 1, 6);
                    break;
                case LinkReferenceDefinition definition when !SafeUrl.IsAllowed(definition.Url):
                    definition.Url = null;
                    break;
                case Table table:
                    MoveAlignmentToAttribute(table);
                    PushChildren(table, blocks);
                    break;
                case ContainerBlock container:
                    PushChildren(container, blocks);
                    break;
            }
        }
    }

    private static void PushChildren(ContainerBlock container, Stack<Block> blocks)
    {
        for (var i = container.Count - 1; i >= 0; i--)
        {
            blocks.Push(container[i]);
        }
    }

    // Markdig writes column alignment as a style attribute, and the gate allows no CSS.
    private static void MoveAlignmentToAttribute(Table table)
    {
        foreach (var row in table.OfType<TableRow>())
        {
            var column = 0;
            foreach (var cell in row.OfType<TableCell>())
            {
                var index = cell.ColumnIndex >= 0 ? cell.ColumnIndex : column;
                if (index < table.ColumnDefinitions.Count && table.ColumnDefinitions[index].Alignment is { } alignment)
                {
                    cell.GetAttributes().AddPropertyIfNotExist("align", alignment.ToString().ToLowerInvariant());
                }

                column++;
            }
        }

        foreach (var definition in table.ColumnDefinitions)
        {
            definition.Alignment = null;
        }
    }

    private static string AsEscapedParagraphs(string markdown)
    {
        var html = new System.Text.StringBuilder(markdown.Length + 64);
        var paragraphs = markdown.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>\n");
        }

        return html.ToString();
    }
}
