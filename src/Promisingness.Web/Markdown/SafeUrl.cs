using System.Buffers;
using System.Net;
using Markdig.Helpers;

namespace Promisingness.Web.Markdown;

/// <summary>Decides whether a URL written by a user may become an href or a src.</summary>
internal static class SafeUrl
{
    private static readonly SearchValues<char> PlainUrlCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$'()*+,;=");

    /// <summary>
    /// True for http, https and mailto URLs and for URLs without a scheme (relative, "#x", "/x", "./x").
    /// Every form the browser (or a careless later decoder) might see is checked, so that a scheme
    /// hidden behind entities, percent-encoding or control characters still counts as that scheme.
    /// </summary>
    public static bool IsAllowed(string? url)
    {
        if (url is null)
        {
            return true;
        }

        if (IsPlain(url))
        {
            return HasAllowedScheme(url);
        }

        var htmlDecoded = DecodeHtmlRepeatedly(url);
        return HasAllowedScheme(url)
            && HasAllowedScheme(htmlDecoded)
            && HasAllowedScheme(DecodePercent(htmlDecoded));
    }

    /// <summary>True when the URL leaves the site, so the link should carry rel="nofollow noopener noreferrer".</summary>
    public static bool IsExternal(string url)
    {
        var squeezed = RemoveInvisible(url);
        // "//host" and "\\host" are protocol-relative: browsers send them to another host.
        return squeezed.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
            || squeezed.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            || squeezed.StartsWith("//", StringComparison.Ordinal)
            || squeezed.StartsWith(@"\\", StringComparison.Ordinal)
            || squeezed.StartsWith(@"/\", StringComparison.Ordinal)
            || squeezed.StartsWith(@"\/", StringComparison.Ordinal);
    }

    private static bool HasAllowedScheme(string url)
    {
        var squeezed = RemoveInvisible(url);
        var colon = squeezed.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }

        // A ':' after a path, query or fragment starts no scheme ("/a:b", "?q=x:y", "#a:b").
        var beforeColon = squeezed.AsSpan(0, colon);
        if (beforeColon.IndexOfAny(['/', '\\', '?', '#']) >= 0)
        {
            return true;
        }

        return beforeColon.Equals("http", StringComparison.OrdinalIgnoreCase)
            || beforeColon.Equals("https", StringComparison.OrdinalIgnoreCase)
            || beforeColon.Equals("mailto", StringComparison.OrdinalIgnoreCase);
    }

    // Browsers drop tabs and newlines anywhere in a URL and trim control characters and spaces;
    // removing every such character (and invisible format characters) is stricter than either.
    private static string RemoveInvisible(string url)
    {
        if (IsPlain(url))
        {
            return url;
        }

        var buffer = new System.Text.StringBuilder(url.Length);
        foreach (var c in url)
        {
            if (!IsInvisible(c))
            {
                buffer.Append(c);
            }
        }

        return buffer.ToString();
    }

    // Nothing to decode and nothing invisible in it: the URL reads the same to every reader.
    private static bool IsPlain(string url) => url.AsSpan().IndexOfAnyExcept(PlainUrlCharacters) < 0;

    private static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    private static string DecodeHtmlRepeatedly(string url)
    {
        // Bounded: each pass can only shorten the string, and a few passes undo any nesting a user would bother with.
        for (var i = 0; i < 4; i++)
        {
            // Markdig knows the HTML5 entities (&colon;, &Tab;) that WebUtility does not.
            var decoded = HtmlHelper.Unescape(WebUtility.HtmlDecode(url), false);
            if (decoded == url)
            {
                break;
            }

            url = decoded;
        }

        return url;
    }

    private static string DecodePercent(string url)
    {
        for (var i = 0; i < 4; i++)
        {
            var decoded = Uri.UnescapeDataString(url);
            if (decoded == url)
            {
                break;
            }

            url = decoded;
        }

        return url;
    }
}
