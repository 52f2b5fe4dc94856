using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Promisingness.Tests.Markdown;

/// <summary>Checks rendered HTML on its parsed DOM: no element, attribute or URL that could run script.</summary>
public static class SafeHtmlAssert
{
    private static readonly HashSet<string> AllowedElements =
    [
        "html", "head", "body", "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "ins", "mark",
        "sub", "sup", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th",
        "td", "input", "span", "div", "section",
    ];

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "srcset", "background", "poster", "data", "lowsrc", "dynsrc"];

    public static void IsSafe(string html)
    {
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><head></head><body>{html}</body></html>");
        foreach (var element in document.All)
        {
            Assert.True(AllowedElements.Contains(element.LocalName), $"<{element.LocalName}> is not allowed: {Excerpt(element)}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} on {Excerpt(element)}");
                Assert.False(attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase), $"style attribute on {Excerpt(element)}");
                if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase))
                {
                    Assert.True(IsSafeUrl(attribute.Value), $"{attribute.Name}=\"{attribute.Value}\" on {Excerpt(element)}");
                }
            }
            if (element.LocalName == "input")
            {
                Assert.Equal("checkbox", element.GetAttribute("type"));
            }
        }
    }

    private static bool IsSafeUrl(string value)
    {
        var url = new string([.. WebUtility.HtmlDecode(value).Where(c => c > ' ' && !char.IsControl(c))]).ToLowerInvariant();
        var colon = url.IndexOf(':');
        var pathStart = url.IndexOfAny(['/', '?', '#']);
        return colon < 0 || (pathStart >= 0 && pathStart < colon)
            || url.StartsWith("http:", StringComparison.Ordinal) || url.StartsWith("https:", StringComparison.Ordinal) || url.StartsWith("mailto:", StringComparison.Ordinal);
    }

    private static string Excerpt(IElement element) => element.OuterHtml.Length > 200 ? element.OuterHtml[..200] + "…" : element.OuterHtml;
}
