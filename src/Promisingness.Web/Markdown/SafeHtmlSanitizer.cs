using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;

namespace Promisingness.Web.Markdown;

/// <summary>
/// The last gate for rendered Markdown: an explicit allow-list, so that anything Markdig might emit
/// by mistake (or a future extension adds) is dropped rather than trusted.
/// </summary>
internal static partial class SafeHtmlSanitizer
{
    private static readonly string[] Tags =
    [
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "ins", "mark",
        "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "img",
        "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "input", "span", "div",
    ];

    private static readonly string[] Attributes =
    [
        "href", "src", "alt", "title", "id", "class", "align", "start", "type", "checked", "disabled", "rel", "loading",
    ];

    // The classes Markdig writes for task lists and footnotes; user-chosen classes could borrow the app's own styles.
    private static readonly string[] Classes =
    [
        "contains-task-list", "task-list-item", "task-list-item-checkbox", "footnotes", "footnote-ref", "footnote-back-ref",
        "wikilink", WikiLinkRenderer.MissingClass,
    ];

    public static HtmlSanitizer Create()
    {
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(Tags);
        options.AllowedAttributes.UnionWith(Attributes);
        options.AllowedClasses.UnionWith(Classes);
        options.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // Every attribute that can carry a URL is screened, even those not allowed, in case the lists drift.
        options.UriAttributes.UnionWith(["href", "src", "action", "formaction", "background", "poster", "data", "cite", "longdesc", "xlink:href"]);

        var sanitizer = new HtmlSanitizer(options);
        sanitizer.RemovingCssClass += (_, e) =>
        {
            // Fenced code keeps its language for a highlighter, when the name is plain.
            if (e.Tag.LocalName == "code" && LanguageClass().IsMatch(e.CssClass))
            {
                e.Cancel = true;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            PrefixIds(e.Node);

            // Task lists are the only inputs: read-only checkboxes, never a field that could be submitted.
            if (e.Node is IElement { LocalName: "input" } input)
            {
                if (!string.Equals(input.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase))
                {
                    input.Remove();
                    return;
                }

                input.SetAttribute("disabled", "disabled");
            }
        };
        return sanitizer;
    }

    /// <summary>
    /// Ids made from user text (headings, footnotes) get a prefix, and in-page links follow them, so a
    /// heading called "blazor-error-ui" cannot take an id the app's own scripts look up.
    /// </summary>
    private static void PrefixIds(INode node)
    {
        if (node is not IElement element)
        {
            return;
        }
        if (element.Id is { Length: > 0 } id)
        {
            element.Id = MarkdownRenderer.IdPrefix + id;
        }
        if (element.LocalName == "a" && element.GetAttribute("href") is { Length: > 1 } href && href[0] == '#')
        {
            element.SetAttribute("href", "#" + MarkdownRenderer.IdPrefix + href[1..]);
        }
    }

    [GeneratedRegex("^language-[A-Za-z0-9_+#.-]{1,40}$")]
    private static partial Regex LanguageClass();
}
