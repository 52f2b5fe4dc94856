namespace Promisingness.Web.Markdown;

/// <summary>
/// Cuts Markdown into top-level blocks that render alone as they do inside the whole text, so that a preview
/// renders again only the blocks that changed. The cut is cautious: it falls only at a blank line followed by a line
/// that starts at the margin and cannot continue what came before (no list item, quotation, indented or fenced code),
/// and stops cutting after a fence that may belong to a list item. A block never cut is always right; the blocks put
/// back together are the text, character for character.
/// </summary>
public static class MarkdownBlocks
{
    /// <summary>
    /// Where blocks start after <paramref name="from"/>, itself the start of a block (or 0). The scan's state at a block's
    /// start is always the same, so a scan may start at any block and stop at any block.
    /// </summary>
    public static IEnumerable<int> CutsFrom(string markdown, int from)
    {
        var blockStart = from;
        var position = from;
        var fence = '\0';
        var fenceLength = 0;
        var afterBlank = false;
        var cutting = true;
        while (position < markdown.Length)
        {
            var newline = markdown.IndexOf('\n', position);
            var lineEnd = newline < 0 ? markdown.Length : newline;
            if (fence != '\0')
            {
                var line = markdown.AsSpan(position, lineEnd - position);
                if (FenceOf(line, out var closing, out var length, out _) && closing == fence && length >= fenceLength && line.Trim().Trim(fence).IsEmpty)
                {
                    fence = '\0';
                }
            }
            else if (markdown.AsSpan(position, lineEnd - position).IsWhiteSpace())
            {
                afterBlank = true;
            }
            else
            {
                if (cutting && afterBlank && position > blockStart && StartsAlone(markdown.AsSpan(position, lineEnd - position)))
                {
                    yield return position;
                    blockStart = position;
                }
                afterBlank = false;
                var line = markdown.AsSpan(position, lineEnd - position);
                if ((FenceOf(line, out fence, out fenceLength, out var indent) && indent > 0) || (fence == '\0' && line.TrimStart(' ').StartsWith("$$", StringComparison.Ordinal)))
                {
                    // Indented, the fence may sit inside a list item and end with it, where this scan cannot follow;
                    // and formulas between $$ on one line are read by rules this scan does not repeat.
                    cutting = false;
                }
            }
            position = newline < 0 ? markdown.Length : newline + 1;
        }
    }

    /// <summary>Whether a block holds what reaches across blocks: a footnote, or a link reference definition.</summary>
    public static bool NeedsWholeText(string block)
    {
        if (block.Contains("[^", StringComparison.Ordinal))
        {
            return true;
        }
        foreach (var line in block.AsSpan().EnumerateLines())
        {
            if (IsReferenceDefinition(line))
            {
                return true;
            }
        }
        return false;
    }

    private static bool StartsAlone(ReadOnlySpan<char> line)
    {
        if (line[0] is ' ' or '\t' or '-' or '*' or '+' or '>' or '$')
        {
            return false;
        }
        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }
        // "1." or "1)" followed by a space or the line's end starts an ordered list item.
        return digits == 0 || digits > 9 || digits == line.Length || line[digits] is not ('.' or ')')
            || (digits + 1 < line.Length && line[digits + 1] is not (' ' or '\t' or '\r'));
    }

    // ``` or ~~~ (three or more) or $$ (math), after at most three spaces.
    private static bool FenceOf(ReadOnlySpan<char> line, out char fence, out int length, out int indent)
    {
        indent = 0;
        while (indent < line.Length && indent < 4 && line[indent] == ' ')
        {
            indent++;
        }
        fence = indent < 4 && indent < line.Length ? line[indent] : '\0';
        length = 0;
        if (fence is not ('`' or '~' or '$'))
        {
            fence = '\0';
            return false;
        }
        while (indent + length < line.Length && line[indent + length] == fence)
        {
            length++;
        }
        if (length < (fence == '$' ? 2 : 3) || (fence == '`' && line[(indent + length)..].Contains('`'))
            || (fence == '$' && !line[(indent + length)..].IsWhiteSpace()))
        {
            fence = '\0';
            return false;
        }
        return true;
    }

    // "[label]: destination", which any block of the text may use.
    private static bool IsReferenceDefinition(ReadOnlySpan<char> line)
    {
        var text = line.TrimStart(' ');
        if (line.Length - text.Length > 3 || text.IsEmpty || text[0] != '[')
        {
            return false;
        }
        var close = text.IndexOf("]:", StringComparison.Ordinal);
        return close > 1;
    }
}
