using AngleSharp.Css.Dom;
using AngleSharp.Dom;
using Ganss.Xss;

namespace Promisingness.Web.Markdown;

/// <summary>The HtmlSanitizer allow-list for rendered Markdown: the tags and attributes Markdig's chosen extensions emit, nothing else.</summary>
internal static class SafeHtml
{
    private static readonly string[] Tags =
    [
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "ins", "mark", "sub", "sup",
        "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
        "input", "span", "div", "section",
    ];

    private static readonly string[] Attributes = ["href", "src", "alt", "title", "id", "class", "align", "start", "type", "checked", "disabled", "colspan", "rowspan"];

    public static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<CssRuleType>(),
        });
        sanitizer.AllowDataAttributes = false;
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element)
            {
                return;
            }
            if (element.LocalName == "input" && element.GetAttribute("type") != "checkbox")
            {
                element.Remove();
                return;
            }
            if (element.LocalName == "input")
            {
                element.SetAttribute("disabled", "");
            }
            if (element.Id is { Length: > 0 } id)
            {
                element.Id = MarkdownRenderer.IdPrefix + id;
            }
            var href = element.GetAttribute("href");
            if (element.LocalName == "a" && href is not null)
            {
                if (href.StartsWith('#') && href.Length > 1)
                {
                    element.SetAttribute("href", "#" + MarkdownRenderer.IdPrefix + href[1..]);
                }
                else if (href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                {
                    element.SetAttribute("rel", "nofollow noopener noreferrer");
                }
            }
            if (element.LocalName == "img")
            {
                element.SetAttribute("loading", "lazy");
            }
        };
        return sanitizer;
    }
}
