using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Promisingness.Tests.Markdown;

/// <summary>
/// Checks rendered HTML on the parsed DOM, the way a browser would see it, rather than by string search.
/// Deliberately independent of the product's own URL check, so that one cannot hide a mistake in the other.
/// </summary>
public static class SafeHtmlAssert
{
    public static readonly IReadOnlySet<string> AllowedElements = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "ins", "mark",
        "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "img",
        "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "input", "span", "div",
    };

    // MathML's presentation elements, in the MathML namespace only: none of them links or loads anything.
    public static readonly IReadOnlySet<string> AllowedMathElements = new HashSet<string>(StringComparer.Ordinal)
    {
        "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msup", "msub", "msubsup",
        "mfrac", "msqrt", "mroot", "mover", "munder", "munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded",
        "mphantom", "menclose", "mmultiscripts", "mprescripts", "none", "merror",
    };

    private static readonly string[] UrlAttributes =
        ["href", "src", "action", "formaction", "xlink:href", "background", "poster", "data", "cite", "longdesc"];

    // The parser adds these around any fragment.
    private static readonly HashSet<string> DocumentWrappers = new(StringComparer.OrdinalIgnoreCase) { "html", "head", "body" };

    public static void IsSafe(string html)
    {
        var violations = FindViolations(html);
        if (violations.Count > 0)
        {
            Assert.Fail($"Unsafe HTML ({string.Join("; ", violations)}):\n{html}");
        }
    }

    public static IReadOnlyList<string> FindViolations(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var violations = new List<string>();
        foreach (var element in document.All)
        {
            if (DocumentWrappers.Contains(element.LocalName))
            {
                continue;
            }

            var isMath = element.NamespaceUri == NamespaceNames.MathMlUri;
            if (isMath ? !AllowedMathElements.Contains(element.LocalName)
                : !AllowedElements.Contains(element.LocalName) || element.NamespaceUri != NamespaceNames.HtmlUri)
            {
                violations.Add($"element <{element.LocalName}>");
            }

            if (isMath && (element.HasAttribute("href") || element.HasAttribute("src")))
            {
                violations.Add($"a link on MathML <{element.LocalName}>");
            }

            if (element.LocalName == "input" && (element.GetAttribute("type") != "checkbox" || !element.HasAttribute("disabled")))
            {
                violations.Add("an input that is not a disabled checkbox");
            }

            foreach (var attribute in element.Attributes)
            {
                var name = attribute.Name.ToLowerInvariant();
                if (name.StartsWith("on", StringComparison.Ordinal))
                {
                    violations.Add($"event handler {name} on <{element.LocalName}>");
                }
                else if (name is "style" or "srcdoc" or "formaction" or "action")
                {
                    violations.Add($"attribute {name} on <{element.LocalName}>");
                }
                else if (UrlAttributes.Contains(name) && !IsSafeUrl(attribute.Value))
                {
                    violations.Add($"{name}=\"{attribute.Value}\" on <{element.LocalName}>");
                }
                else if (name is "srcset" && attribute.Value.Split(',').Any(candidate => !IsSafeUrl(candidate.Trim().Split(' ')[0])))
                {
                    violations.Add($"srcset=\"{attribute.Value}\" on <{element.LocalName}>");
                }
            }
        }

        return violations;
    }

    /// <summary>http, https, mailto, or no scheme at all, after removing what browsers ignore in a URL.</summary>
    public static bool IsSafeUrl(string url)
    {
        var squeezed = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = squeezed.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || squeezed.AsSpan(0, colon).IndexOfAny(['/', '\\', '?', '#']) >= 0)
        {
            return true;
        }

        var scheme = squeezed[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }
}
