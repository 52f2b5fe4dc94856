using System.Net;

namespace Promisingness.Web.Markdown;

/// <summary>Which URLs user text may link to: http, https, mailto, or relative ones, judged after decoding.</summary>
public static class SafeUrls
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }
        var decoded = Decode(url);
        var colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            return true;
        }
        // A colon after the first '/', '?' or '#' is part of a relative URL's path or query, not a scheme.
        var pathStart = decoded.IndexOfAny(['/', '?', '#']);
        if (pathStart >= 0 && pathStart < colon)
        {
            return true;
        }
        var scheme = decoded[..colon];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Undoes what browsers undo before they look at a scheme: entities ("&amp;#106;avascript:"), percent
    /// escapes, and whitespace or control characters inside it ("java&#9;script:").
    /// </summary>
    private static string Decode(string url)
    {
        var text = url;
        for (var i = 0; i < 3; i++)
        {
            var next = WebUtility.HtmlDecode(text);
            try
            {
                next = Uri.UnescapeDataString(next);
            }
            catch (UriFormatException)
            {
                // Leave a malformed escape as it is; the scheme check below still applies.
            }
            if (next == text)
            {
                break;
            }
            text = next;
        }
        return new string([.. text.Where(c => c > ' ' && !char.IsControl(c) && c != '\u00AD' && !char.IsWhiteSpace(c))]);
    }
}
