using System.Net;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Promisingness.Web.Markdown;

/// <summary>Where a wiki link leads: the entry's address.</summary>
public sealed record WikiLinkTarget(string Url);

/// <summary>[[Entry title]] or [[slug|label]]: a link to another entry, resolved when the text is saved.</summary>
public sealed class WikiLinkInline : LeafInline
{
    public required string Target { get; init; }
    public required string Label { get; init; }
}

internal sealed class WikiLinkParser : InlineParser
{
    private const int MaxLength = 300;

    public WikiLinkParser() => OpeningCharacters = ['['];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.PeekChar() != '[')
        {
            return false;
        }
        var text = slice.Text;
        var start = slice.Start + 2;
        var end = text.IndexOf("]]", start, Math.Max(0, Math.Min(slice.End - start + 1, MaxLength)), StringComparison.Ordinal);
        if (end <= start)
        {
            return false;
        }
        var inner = text[start..end];
        if (inner.Contains('\n') || inner.Contains('[') || inner.Contains(']'))
        {
            return false;
        }
        var bar = inner.IndexOf('|');
        var target = (bar < 0 ? inner : inner[..bar]).Trim();
        var label = (bar < 0 ? inner : inner[(bar + 1)..]).Trim();
        if (target.Length == 0)
        {
            return false;
        }
        processor.Inline = new WikiLinkInline { Target = target, Label = label.Length > 0 ? label : target };
        slice.Start = end + 2;
        return true;
    }
}

/// <summary>
/// A resolved link becomes an ordinary link; an unresolved one a marked span that members' pages turn
/// into a "create this entry" link (<see cref="WikiLinkCreation"/>) and anonymous readers see as text.
/// </summary>
internal sealed class WikiLinkRenderer : HtmlObjectRenderer<WikiLinkInline>
{
    public const string MissingClass = "wikilink-missing";

    /// <summary>The key of the document's data that holds the call's resolver (MarkdownRenderer.Render).</summary>
    public static readonly object ResolverKey = new();

    protected override void Write(HtmlRenderer renderer, WikiLinkInline link)
    {
        var label = WebUtility.HtmlEncode(link.Label);
        if (Resolver(link)?.Invoke(link.Target) is { } target)
        {
            // No title attribute: the linking text may be public while the target is not, and its title is not the reader's to see.
            renderer.Write($"<a class=\"wikilink\" href=\"{WebUtility.HtmlEncode(target.Url)}\">{label}</a>");
        }
        else
        {
            renderer.Write($"<span class=\"{MissingClass}\" title=\"{WebUtility.HtmlEncode(link.Target)}\">{label}</span>");
        }
    }

    private static Func<string, WikiLinkTarget?>? Resolver(WikiLinkInline link)
    {
        var root = link.Parent;
        while (root?.Parent is { } up)
        {
            root = up;
        }

        Block? block = root?.ParentBlock;
        while (block?.Parent is { } parent)
        {
            block = parent;
        }

        return block?.GetData(ResolverKey) as Func<string, WikiLinkTarget?>;
    }
}

/// <summary>
/// On a member's page, each [[link]] to an entry not written yet becomes a link to write it. The stored HTML is
/// the same for every reader, so this is done as the page is shown, on HTML the gate has passed; it reads the
/// span <see cref="WikiLinkRenderer"/> writes (as the gate writes it back), and the link it makes from the
/// user's text goes through the gate too.
/// </summary>
internal static partial class WikiLinkCreation
{
    public static string OfferToCreate(string safeHtml) => !safeHtml.Contains(WikiLinkRenderer.MissingClass, StringComparison.Ordinal)
        ? safeHtml
        : MissingLink().Replace(safeHtml, match =>
        {
            var (title, label) = (match.Groups[1].Value, match.Groups[2].Value);
            var target = WebUtility.HtmlDecode(title);
            return HtmlGate.Filter($"<a class=\"{WikiLinkRenderer.MissingClass}\" href=\"new/page?title={Uri.EscapeDataString(target)}\" title=\"Create “{title}”\">{label}</a>");
        });

    [GeneratedRegex("<span class=\"" + WikiLinkRenderer.MissingClass + "\" title=\"([^\"<>]*)\">([^<]*)</span>")]
    private static partial Regex MissingLink();
}

internal sealed class WikiLinkExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<WikiLinkParser>())
        {
            // Before the link parser, which would otherwise read "[[x]]" as brackets around "[x]".
            pipeline.InlineParsers.InsertBefore<LinkInlineParser>(new WikiLinkParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<WikiLinkRenderer>())
        {
            html.ObjectRenderers.InsertBefore<LinkInlineRenderer>(new WikiLinkRenderer());
        }
    }
}
