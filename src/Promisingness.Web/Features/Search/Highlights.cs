using System.Text;
using System.Text.RegularExpressions;

namespace Promisingness.Web.Features.Search;

/// <summary>A piece of a result's title or snippet, marked where it matched. Pages render it as text, so it is always escaped.</summary>
public sealed record TextPart(string Text, bool Marked);

/// <summary>
/// Turns the output of FTS5's highlight() and snippet() into parts. FTS5 is asked to wrap matches in two
/// private-use characters rather than in HTML, because the text around them is the user's own Markdown:
/// only the parts, each rendered as escaped text inside a mark element or not, ever reach the page.
/// </summary>
public static partial class Highlights
{
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    public static IReadOnlyList<TextPart> Parse(string? marked, bool markdown = false)
    {
        var text = marked ?? "";
        if (markdown)
        {
            text = Plain(text);
        }
        var parts = new List<TextPart>();
        var current = new StringBuilder();
        var open = false;
        foreach (var c in text)
        {
            // A marker that does not open or close a match (the text itself held one) is dropped.
            if (c == Open || c == Close)
            {
                if ((c == Open) != open)
                {
                    Flush(parts, current, open);
                    open = c == Open;
                }
                continue;
            }
            current.Append(c);
        }
        Flush(parts, current, open);
        return parts;
    }

    public static string PlainText(IEnumerable<TextPart> parts) => string.Concat(parts.Select(p => p.Text));

    /// <summary>
    /// The parts without a leading <paramref name="prefix"/> (compared as plain text): a question's body
    /// begins with its title, which the result already shows above the snippet.
    /// </summary>
    public static IReadOnlyList<TextPart> WithoutPrefix(IReadOnlyList<TextPart> parts, string prefix)
    {
        prefix = prefix.TrimEnd('…').Trim();
        if (prefix.Length == 0 || !PlainText(parts).StartsWith(prefix, StringComparison.Ordinal))
        {
            return parts;
        }
        var rest = new List<TextPart>();
        var skip = prefix.Length;
        foreach (var part in parts)
        {
            if (skip >= part.Text.Length)
            {
                skip -= part.Text.Length;
                continue;
            }
            rest.Add(part with { Text = part.Text[skip..] });
            skip = 0;
        }
        if (rest.Count > 0)
        {
            rest[0] = rest[0] with { Text = rest[0].Text.TrimStart() };
        }
        return [.. rest.Where(p => p.Text.Length > 0)];
    }

    private static void Flush(List<TextPart> parts, StringBuilder current, bool marked)
    {
        if (current.Length > 0)
        {
            parts.Add(new TextPart(current.ToString(), marked));
            current.Clear();
        }
    }

    /// <summary>Snippets are cut from the Markdown source; the syntax that would only be noise in one line goes.</summary>
    private static string Plain(string markdown)
    {
        var text = WikiLink().Replace(markdown, "$1");
        text = Link().Replace(text, "$1");
        text = LinkTail().Replace(text, "");
        text = LineMarks().Replace(text, "");
        text = Emphasis().Replace(text, "");
        return Whitespace().Replace(text, " ").Trim();
    }

    // [[slug|label]] and [[Title]] show their label.
    [GeneratedRegex(@"\[\[(?:[^\]|\n]*\|)?([^\]\n]*)\]\]")]
    private static partial Regex WikiLink();

    // [text](url) and ![alt](url) show their text, also when the snippet cut the address short.
    [GeneratedRegex(@"!?\[([^\]\n]*)\]\([^)\s…]*\)?")]
    private static partial Regex Link();

    // What is left of a link whose start the snippet cut off: "text](url)".
    [GeneratedRegex(@"\]\([^)\s…]*\)?")]
    private static partial Regex LinkTail();

    // Headings, quotes and list bullets at the start of a line.
    [GeneratedRegex(@"(?m)^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[*+-][ \t]+)")]
    private static partial Regex LineMarks();

    [GeneratedRegex(@"\*\*|__|~~|`")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
