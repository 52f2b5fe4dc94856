using System.Net;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Promisingness.Web.Markdown;

/// <summary>
/// Turns user Markdown into HTML that cannot run script. Thread-safe: the Markdig pipeline is built once and
/// only read afterwards, so one instance serves the whole app.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>The prefix of every id that comes from user text (see HtmlGate).</summary>
    public const string IdPrefix = "u-";

    private readonly MarkdownPipeline _pipeline = BuildPipeline();

    /// <summary>
    /// Renders Markdown to sanitised HTML: the only HTML from users that a page may emit unescaped.
    /// <paramref name="resolveLink"/> finds the entry a [[wiki link]] names, or null when there is none.
    /// </summary>
    public string ToSafeHtml(string markdown, Func<string, WikiLinkTarget?>? resolveLink = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);

        string html;
        try
        {
            var document = Markdig.Markdown.Parse(markdown, _pipeline);
            MakeSafe(document, resolveLink);
            html = document.ToHtml(_pipeline);
        }
        catch (Exception)
        {
            // Markdig refuses documents nested past its depth limit (thousands of '>', '[' or '*')
            // by throwing. The page must still show something, and escaped text is always safe.
            html = AsEscapedParagraphs(markdown);
        }

        return HtmlGate.Filter(html);
    }

    /// <summary>The targets of the [[wiki links]] in a text, as written.</summary>
    public IReadOnlyList<string> WikiLinkTargets(string markdown)
    {
        try
        {
            return [.. Markdig.Markdown.Parse(markdown, _pipeline).Descendants<WikiLinkInline>().Select(l => l.Target).Distinct()];
        }
        catch (ArgumentException)
        {
            return [];
        }
    }

    private static MarkdownPipeline BuildPipeline()
    {
        // Chosen one by one. Never UseAdvancedExtensions(): its generic attributes let {onclick=...}
        // through and its media links emit iframes.
        return new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseEmphasisExtras()
            .UseAutoLinks()
            .UseTaskLists()
            .UseAutoIdentifiers()
            .UseFootnotes()
            .UseListExtras()
            .Use<WikiLinkExtension>()
            .DisableHtml()
            .Build();
    }

    // One walk over the tree. Blocks and inlines that only change in place are changed as they are met; links
    // may be removed or replaced, which would break the walk, so they are collected and changed afterwards.
    // An explicit stack rather than recursion: Markdig allows deeper nesting than a thread's stack would.
    private static void MakeSafe(MarkdownDocument document, Func<string, WikiLinkTarget?>? resolveLink)
    {
        var links = new List<Inline>();
        var blocks = new Stack<Block>();
        var inlines = new Stack<Inline>();
        blocks.Push(document);
        while (blocks.Count > 0)
        {
            var block = blocks.Pop();
            switch (block)
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
                    break;
            }

            if (block is ContainerBlock container)
            {
                for (var i = container.Count - 1; i >= 0; i--)
                {
                    blocks.Push(container[i]);
                }
            }
            else if (block is LeafBlock { Inline.FirstChild: { } first })
            {
                CollectLinks(first, inlines, links, resolveLink);
            }
        }

        foreach (var link in links)
        {
            if (link is LinkInline inline)
            {
                MakeSafe(inline);
            }
            else
            {
                MakeSafe((AutolinkInline)link);
            }
        }
    }

    private static void CollectLinks(Inline first, Stack<Inline> pending, List<Inline> links, Func<string, WikiLinkTarget?>? resolveLink)
    {
        pending.Push(first);
        while (pending.Count > 0)
        {
            var inline = pending.Pop();
            if (inline.NextSibling is { } sibling)
            {
                pending.Push(sibling);
            }

            switch (inline)
            {
                case LinkInline or AutolinkInline:
                    links.Add(inline);
                    break;
                case WikiLinkInline wikiLink:
                    wikiLink.Resolved = resolveLink?.Invoke(wikiLink.Target);
                    break;
            }

            if (inline is ContainerInline { FirstChild: { } child })
            {
                pending.Push(child);
            }
        }
    }

    private static void MakeSafe(LinkInline link)
    {
        // Heading references compute their URL late; fix it now so that what is checked is what is written.
        var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
        link.GetDynamicUrl = null;
        link.Url = url;

        if (!SafeUrl.IsAllowed(url))
        {
            if (link.IsImage)
            {
                link.ReplaceBy(new LiteralInline(AltText(link)), copyChildren: false);
            }
            else
            {
                // The link's text stays, as text.
                link.MoveChildrenAfter(link);
                link.Remove();
            }
        }
    }

    private static void MakeSafe(AutolinkInline autolink)
    {
        var url = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
        if (!SafeUrl.IsAllowed(url))
        {
            autolink.ReplaceBy(new LiteralInline(autolink.Url));
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

    private static string AltText(LinkInline image)
    {
        var text = new System.Text.StringBuilder();
        AppendText(image, text);
        return text.ToString();
    }

    private static void AppendText(ContainerInline container, System.Text.StringBuilder text)
    {
        foreach (var child in container)
        {
            switch (child)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case ContainerInline inner:
                    AppendText(inner, text);
                    break;
            }
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
