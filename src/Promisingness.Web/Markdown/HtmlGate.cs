using System.Buffers;
using System.Collections.Frozen;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Promisingness.Web.Markdown;

/// <summary>
/// The last gate for rendered Markdown: an explicit allow-list, so that anything Markdig might emit by mistake
/// (or a future extension adds) is escaped or dropped rather than trusted. It reads the HTML the way Markdig
/// writes it and nothing looser: <c>&lt;tag name="value"&gt;</c>, <c>&lt;/tag&gt;</c> and <c>&lt;void /&gt;</c>.
/// A '&lt;' that does not begin such a tag, with an allowed name, becomes text; so does an end tag that does not
/// close the innermost open element, and every element still open at the end is closed, so a fragment can
/// never leave markup open into the page around it.
/// </summary>
internal static partial class HtmlGate
{
    // Before Tags, which includes it. MathML as Temml writes it (TexToMathMl): presentation elements only, none that links or loads.
    private static readonly FrozenSet<string> MathTags = FrozenSet.Create(StringComparer.Ordinal,
    [
        "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msup", "msub", "msubsup",
        "mfrac", "msqrt", "mroot", "mover", "munder", "munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded",
        "mphantom", "menclose", "mmultiscripts", "mprescripts", "none", "merror",
    ]);

    public static readonly FrozenSet<string> Tags = FrozenSet.Create(StringComparer.Ordinal,
    [
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "ins", "mark",
        "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "img",
        "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "input", "span", "div",
        .. MathTags,
    ]);

    public static readonly FrozenSet<string> Attributes = FrozenSet.Create(StringComparer.Ordinal,
    [
        "href", "src", "alt", "title", "id", "class", "align", "start", "type", "checked", "disabled", "rel", "loading",
        // MathML's (Temml's): layout and spacing only. No style: the gate allows no CSS.
        "xmlns", "display", "mathvariant", "stretchy", "fence", "separator", "form", "lspace", "rspace", "minsize",
        "maxsize", "symmetric", "largeop", "movablelimits", "accent", "accentunder", "columnalign", "rowalign",
        "rowspacing", "columnspacing", "columnlines", "rowlines", "frame", "displaystyle", "scriptlevel",
        "linethickness", "width", "height", "depth", "voffset", "notation", "encoding",
    ]);

    private const string MathNamespace = "http://www.w3.org/1998/Math/MathML";

    // The classes Markdig writes for task lists and footnotes; user-chosen classes could borrow the app's own styles.
    public static readonly FrozenSet<string> Classes = FrozenSet.Create(StringComparer.Ordinal,
    [
        "contains-task-list", "task-list-item", "task-list-item-checkbox", "footnotes", "footnote-ref", "footnote-back-ref",
        "wikilink", WikiLinkRenderer.MissingClass, TexToMathMl.ErrorClass,
    ]);

    // Stands on the stack of open elements for a link left out inside another (see TryWriteTag).
    private static readonly string UnwrappedLink = "a, left out";

    private static readonly FrozenSet<string> VoidTags = FrozenSet.Create(StringComparer.Ordinal, ["br", "hr", "img", "input"]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TagLookup = Tags.GetAlternateLookup<ReadOnlySpan<char>>();
    // Each attribute with its own bit, to keep only the first of two with the same name.
    private static readonly FrozenDictionary<string, (string Name, long Bit)>.AlternateLookup<ReadOnlySpan<char>> AttributeLookup =
        Attributes.Select((name, index) => KeyValuePair.Create(name, (name, 1L << index))).ToFrozenDictionary(StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ClassLookup = Classes.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly SearchValues<char> NameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");
    private static readonly SearchValues<char> ValueEnd = SearchValues.Create("\"<");
    private static readonly SearchValues<char> NeedsEncoding = SearchValues.Create("&\"<>\0");

    // Buffers kept per thread between calls, up to this size: a long text's buffers would otherwise be new
    // large-object-heap arrays on every call, and each of those brings a full collection nearer. Two per thread
    // (the renderer's and the gate's), so a thread keeps at most 2 MB; a longer text gets buffers of its own.
    public const int MaxKeptChars = 1 << 19;

    [ThreadStatic]
    private static StringBuilder? t_output;

    /// <summary>Passes the allowed part of <paramref name="html"/>; everything else is written as text or left out.</summary>
    public static string Filter(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return Filter(html.AsSpan());
    }

    /// <summary>As <see cref="Filter(string)"/>, reading the HTML where a renderer wrote it.</summary>
    public static string Filter(StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(html);
        foreach (var chunk in html.GetChunks())
        {
            if (chunk.Length == html.Length)
            {
                return Filter(chunk.Span);
            }

            break;
        }

        var copy = ArrayPool<char>.Shared.Rent(html.Length);
        try
        {
            html.CopyTo(0, copy, html.Length);
            return Filter(copy.AsSpan(0, html.Length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(copy);
        }
    }

    private static string Filter(ReadOnlySpan<char> html)
    {
        var output = t_output ?? new StringBuilder();
        t_output = null;
        output.Clear();
        var open = new OpenElements();
        var position = 0;
        while (position < html.Length)
        {
            var lessThan = html[position..].IndexOf('<');
            if (lessThan < 0)
            {
                output.Append(html[position..]);
                break;
            }

            lessThan += position;
            output.Append(html[position..lessThan]);
            var mark = output.Length;
            var next = TryWriteTag(html, lessThan, output, open);
            if (next < 0)
            {
                output.Length = mark;
                output.Append("&lt;");
                position = lessThan + 1;
            }
            else
            {
                position = next;
            }
        }

        while (open.Pop() is { } tag)
        {
            if (!ReferenceEquals(tag, UnwrappedLink))
            {
                output.Append("</").Append(tag).Append('>');
            }
        }

        var result = output.ToString();
        if (output.Capacity <= MaxKeptChars)
        {
            t_output = output;
        }

        return result;
    }

    // Returns the index after the tag, or -1 when the '<' at `start` does not begin an allowed tag. Every scan
    // stops at the next '<', so the gate stays linear in its input whatever that is.
    private static int TryWriteTag(ReadOnlySpan<char> html, int start, StringBuilder output, OpenElements open)
    {
        var mark = output.Length;
        var position = start + 1;
        var isEnd = position < html.Length && html[position] == '/';
        if (isEnd)
        {
            position++;
        }

        var nameSpan = ReadName(html, position);
        if (!TagLookup.TryGetValue(nameSpan, out var tag))
        {
            return -1;
        }

        position += nameSpan.Length;
        if (isEnd)
        {
            var innermost = open.Innermost;
            if (At(html, position) != '>' || !(ReferenceEquals(innermost, tag) || (tag == "a" && ReferenceEquals(innermost, UnwrappedLink))))
            {
                return -1;
            }

            open.Pop();
            if (!ReferenceEquals(innermost, UnwrappedLink))
            {
                output.Append("</").Append(tag).Append('>');
            }

            return position + 1;
        }

        // Browsers do not nest links (the inner one closes the outer), nor does CommonMark; but a [[wiki link]]
        // inside a link's text is written inside it. The inner link is left out and its text kept.
        var unwrap = tag == "a" && open.InLink;

        output.Append('<').Append(tag);
        var isVoid = VoidTags.Contains(tag);
        var closesItself = false;
        var written = 0L;
        var isMath = MathTags.Contains(tag);
        string? href = null;
        string? type = null;
        while (true)
        {
            if (At(html, position) == '>')
            {
                position++;
                break;
            }

            if (At(html, position) == ' ' && At(html, position + 1) == '/')
            {
                position++;
            }

            if (At(html, position) == '/')
            {
                // "<br />": only void elements close themselves; "<p />" would leave a <p> open in a browser.
                if (At(html, position + 1) != '>' || !isVoid)
                {
                    return -1;
                }

                position += 2;
                closesItself = true;
                break;
            }

            if (At(html, position) != ' ')
            {
                return -1;
            }

            position++;
            var attributeSpan = ReadName(html, position);
            position += attributeSpan.Length;
            if (attributeSpan.Length == 0 || At(html, position) != '=' || At(html, position + 1) != '"')
            {
                return -1;
            }

            var valueStart = position + 2;
            var valueLength = html[valueStart..].IndexOfAny(ValueEnd);
            if (valueLength < 0 || html[valueStart + valueLength] != '"')
            {
                return -1;
            }

            position = valueStart + valueLength + 1;
            // Browsers keep the first of two attributes with the same name; so does the gate, to check what they use.
            if (!AttributeLookup.TryGetValue(attributeSpan, out var known) || (written & known.Bit) != 0)
            {
                continue;
            }

            written |= known.Bit;
            var attribute = known.Name;
            var raw = html.Slice(valueStart, valueLength);
            switch (attribute)
            {
                case "rel" or "loading" or "disabled":
                    // The gate decides these itself, below.
                    break;
                case "href" or "src" when isMath:
                    // MathML Core has no links; an older renderer might follow one.
                    break;
                case "xmlns" when tag != "math" || !raw.SequenceEqual(MathNamespace):
                    break;
                case "href" or "src" or "id" or "class" or "type":
                    var value = WriteAttribute(output, tag, attribute, Decode(raw));
                    if (attribute == "href")
                    {
                        href = value;
                    }
                    else if (attribute == "type")
                    {
                        type = value;
                    }

                    break;
                default:
                    output.Append(' ').Append(attribute).Append("=\"");
                    if (raw.IndexOfAny(NeedsEncoding) < 0)
                    {
                        output.Append(raw);
                    }
                    else
                    {
                        Encode(output, Decode(raw));
                    }

                    output.Append('"');
                    break;
            }
        }

        switch (tag)
        {
            case "a" when href is not null && SafeUrl.IsExternal(href):
                output.Append(" rel=\"nofollow noopener noreferrer\"");
                break;
            case "img":
                output.Append(" loading=\"lazy\"");
                break;
            case "input" when string.Equals(type, "checkbox", StringComparison.OrdinalIgnoreCase):
                // Task lists are the only inputs: read-only checkboxes, never a field that could be submitted.
                output.Append(" disabled=\"disabled\"");
                break;
            case "input":
                // Dropped rather than escaped: a field that is not a task-list checkbox has no text to keep.
                output.Length = mark;
                return position;
        }

        if (unwrap)
        {
            output.Length = mark;
            open.Push(UnwrappedLink);
            return position;
        }

        output.Append(closesItself ? " />" : ">");
        if (!isVoid)
        {
            open.Push(tag);
        }

        return position;
    }

    // Returns the value as written, or null when the attribute was left out.
    private static string? WriteAttribute(StringBuilder output, string tag, string attribute, string value)
    {
        switch (attribute)
        {
            case "href" or "src":
                if (!SafeUrl.IsAllowed(value))
                {
                    return null;
                }

                // In-page links follow the prefixed ids.
                if (attribute == "href" && value.Length > 1 && value[0] == '#')
                {
                    value = "#" + MarkdownRenderer.IdPrefix + value[1..];
                }

                break;
            case "id":
                if (value.Length == 0)
                {
                    return null;
                }

                // Ids made from user text (headings, footnotes) get a prefix, so a heading called "blazor-error-ui"
                // cannot take an id the app's own scripts look up.
                value = MarkdownRenderer.IdPrefix + value;
                break;
            case "class":
                value = ClassLookup.Contains(value) ? value : AllowedClasses(tag, value);
                if (value.Length == 0)
                {
                    return null;
                }

                break;
        }

        output.Append(' ').Append(attribute).Append("=\"");
        Encode(output, value);
        output.Append('"');
        return value;
    }

    private static string AllowedClasses(string tag, string value)
    {
        var kept = new StringBuilder();
        foreach (var range in value.AsSpan().SplitAny(" \t\n\f\r"))
        {
            var name = value.AsSpan(range);
            // Fenced code keeps its language for a highlighter, when the name is plain.
            if (name.Length > 0 && (ClassLookup.Contains(name) || (tag == "code" && LanguageClass().IsMatch(name))))
            {
                kept.Append(kept.Length > 0 ? " " : "").Append(name);
            }
        }

        return kept.ToString();
    }

    private static ReadOnlySpan<char> ReadName(ReadOnlySpan<char> html, int start)
    {
        if (start >= html.Length)
        {
            return [];
        }

        var rest = html[start..];
        var length = rest.IndexOfAnyExcept(NameChars);
        return length < 0 ? rest : rest[..length];
    }

    // Decoded once, re-encoded on the way out: what is checked is exactly what a browser will read.
    private static string Decode(ReadOnlySpan<char> raw) =>
        raw.Contains('&') ? WebUtility.HtmlDecode(raw.ToString()) : raw.ToString();

    private static void Encode(StringBuilder output, string value)
    {
        if (value.AsSpan().IndexOfAny(NeedsEncoding) < 0)
        {
            output.Append(value);
            return;
        }

        foreach (var c in value)
        {
            switch (c)
            {
                case '&':
                    output.Append("&amp;");
                    break;
                case '"':
                    output.Append("&quot;");
                    break;
                case '<':
                    output.Append("&lt;");
                    break;
                case '>':
                    output.Append("&gt;");
                    break;
                case '\0':
                    output.Append('\uFFFD');
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }
    }

    private static char At(ReadOnlySpan<char> html, int index) => index < html.Length ? html[index] : '\0';

    private sealed class OpenElements
    {
        private readonly List<string> _tags = [];
        private int _links;

        public string? Innermost => _tags.Count > 0 ? _tags[^1] : null;

        public bool InLink => _links > 0;

        public void Push(string tag)
        {
            _tags.Add(tag);
            _links += tag == "a" ? 1 : 0;
        }

        public string? Pop()
        {
            if (_tags.Count == 0)
            {
                return null;
            }

            var tag = _tags[^1];
            _tags.RemoveAt(_tags.Count - 1);
            _links -= tag == "a" ? 1 : 0;
            return tag;
        }
    }

    [GeneratedRegex("^language-[A-Za-z0-9_+#.-]{1,40}$")]
    private static partial Regex LanguageClass();
}
