using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>The links of a README: reading an output bullet's link as written, and refusing unsafe schemes.</summary>
internal static partial class ReadmeLinks
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>Refuses the first link or image anywhere in the README whose scheme is not http, https or mailto.</summary>
    public static void CheckAll(MarkdownDocument document, ReadmeSource source)
    {
        foreach (var inline in document.Descendants<Inline>())
        {
            var (url, span) = inline switch
            {
                LinkInline link => (link.Url ?? "", link.UrlSpan),
                AutolinkInline autolink when !autolink.IsEmail => (autolink.Url, autolink.Span),
                _ => ("", default),
            };
            if (url.Length > 0)
            {
                var written = span.IsEmpty || span.End >= source.Text.Length ? url : source.Text[span.Start..(span.End + 1)];
                Check(url, written, source.LineOf(inline.Span.Start) + 1);
            }
        }
    }

    /// <summary>
    /// Reads "[text](destination)" or a bare http(s)/mailto URL at the start of an output bullet's text, as written.
    /// </summary>
    public static ReadmeOutput? ReadOutput(string content)
    {
        if (content.StartsWith('['))
        {
            return TryReadInlineLink(content, out var title, out var url, out var consumed)
                ? new ReadmeOutput(title, url, content[consumed..].TrimEnd(), null, "")
                : null;
        }
        if (BareUrlRegex().Match(content) is { Success: true } bare)
        {
            return new ReadmeOutput(null, bare.Value, content[bare.Value.Length..].TrimEnd(), null, "");
        }
        return null;
    }

    private static void Check(string url, string written, int lineNumber)
    {
        var scheme = SchemeRegex().Match(Decode(url));
        if (scheme.Success && !AllowedSchemes.Contains(scheme.Groups[1].Value.ToLowerInvariant()))
        {
            throw new ReadmeFormatException(lineNumber, $"the link \"{written}\" uses the scheme \"{scheme.Groups[1].Value}:\"; only http, https and mailto links are allowed.");
        }
    }

    /// <summary>Reads "[text](destination)" at the start of <paramref name="s"/>, honouring backslash escapes and nesting.</summary>
    private static bool TryReadInlineLink(string s, out string title, out string url, out int consumed)
    {
        title = url = "";
        consumed = 0;
        var close = Matching(s, 0, '[', ']');
        if (close < 0 || close + 1 >= s.Length || s[close + 1] != '(')
        {
            return false;
        }
        var end = Matching(s, close + 1, '(', ')');
        if (end < 0)
        {
            return false;
        }
        title = s[1..close];
        url = s[(close + 2)..end].Trim();
        consumed = end + 1;
        return true;
    }

    private static int Matching(string s, int start, char open, char close)
    {
        var depth = 0;
        for (var i = start; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == open)
            {
                depth++;
            }
            else if (s[i] == close && --depth == 0)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The URL as a browser reads it: entities, escapes and percent-encoding decoded, whitespace and controls gone.</summary>
    private static string Decode(string url)
    {
        var s = url;
        if (s.StartsWith('<') && s.EndsWith('>'))
        {
            s = s[1..^1];
        }
        s = BackslashEscapeRegex().Replace(s, "$1");
        for (var round = 0; round < 3; round++)
        {
            var next = WebUtility.HtmlDecode(s);
            try
            {
                next = Uri.UnescapeDataString(next);
            }
            catch (UriFormatException)
            {
                // Keep the entity-decoded text.
            }
            if (next == s)
            {
                break;
            }
            s = next;
        }
        var builder = new StringBuilder(s.Length);
        foreach (var c in s.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c) && c != '\u200B' && c != '\uFEFF'))
        {
            builder.Append(c);
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"^(?:https?://|mailto:)\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareUrlRegex();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]*):")]
    private static partial Regex SchemeRegex();

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex BackslashEscapeRegex();
}
