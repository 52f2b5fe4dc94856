using Markdig.Syntax;

namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>
/// A README's text (line endings made "\n", no byte order mark) and the lines its Markdig blocks cover,
/// so that a run of blocks can be taken back out exactly as it was written.
/// </summary>
internal sealed class ReadmeSource
{
    private readonly List<int> lineStarts = [0];
    private readonly Dictionary<Block, int> lastLines = [];

    public ReadmeSource(string text)
    {
        Text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }
    }

    public string Text { get; }

    public int LineCount => lineStarts.Count;

    /// <summary>The 0-based line that holds the character at <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        var index = lineStarts.BinarySearch(Math.Clamp(offset, 0, Text.Length));
        return index >= 0 ? index : ~index - 1;
    }

    public string Line(int line)
    {
        var start = lineStarts[line];
        var end = line + 1 < lineStarts.Count ? lineStarts[line + 1] - 1 : Text.Length;
        return Text[start..end];
    }

    public int FirstLine(Block block) => LineOf(block.Span.Start);

    /// <summary>
    /// The last line of a block that is not blank. A top-level block runs to the line before the next one (or the
    /// end): Markdig's span of a fence left open ends on its opening line, and so may a container's that holds one.
    /// </summary>
    public int LastLine(Block block) =>
        lastLines.TryGetValue(block, out var last) ? last : LineOf(Math.Max(block.Span.Start, block.Span.End));

    /// <summary>Records where each of the document's top-level blocks ends (see <see cref="LastLine"/>).</summary>
    public void Measure(IReadOnlyList<Block> topLevel)
    {
        for (var i = 0; i < topLevel.Count; i++)
        {
            var last = i + 1 < topLevel.Count ? FirstLine(topLevel[i + 1]) - 1 : LineCount - 1;
            while (last > FirstLine(topLevel[i]) && string.IsNullOrWhiteSpace(Line(last)))
            {
                last--;
            }
            lastLines[topLevel[i]] = last;
        }
    }

    /// <summary>Lines <paramref name="first"/> to <paramref name="last"/> (inclusive), trailing blank lines and spaces trimmed.</summary>
    public string Lines(int first, int last)
    {
        if (first > last)
        {
            return "";
        }
        var start = lineStarts[first];
        var end = last + 1 < lineStarts.Count ? lineStarts[last + 1] : Text.Length;
        return Text[start..end].TrimEnd();
    }

    /// <summary>
    /// Blocks <paramref name="from"/> to <paramref name="to"/> (exclusive) of <paramref name="blocks"/> as written.
    /// A code fence left open at the end of the README is closed, as CommonMark closes it, so that what is
    /// written after it stays outside it.
    /// </summary>
    public string Blocks(IReadOnlyList<Block> blocks, int from, int to)
    {
        return from >= to ? "" : Region(FirstLine(blocks[from]), blocks, to);
    }

    /// <summary>From line <paramref name="firstLine"/> to the end of block <paramref name="to"/> - 1, as <see cref="Blocks"/>.</summary>
    public string Region(int firstLine, IReadOnlyList<Block> blocks, int to)
    {
        if (to <= 0)
        {
            return "";
        }
        var text = Lines(firstLine, LastLine(blocks[to - 1]));
        return blocks[to - 1] is FencedCodeBlock fence && !IsClosed(fence) && text.Length > 0 ? text + "\n" + Closing(fence) : text;
    }

    private bool IsClosed(FencedCodeBlock fence)
    {
        var last = LastLine(fence);
        if (last == FirstLine(fence))
        {
            return false;
        }
        var line = Line(last);
        var trimmed = line.Trim();
        return line.Length - line.TrimStart(' ').Length <= 3
            && trimmed.Length >= fence.OpeningFencedCharCount
            && trimmed.All(c => c == fence.FencedChar);
    }

    private static string Closing(FencedCodeBlock fence) => new(fence.FencedChar, Math.Max(3, fence.OpeningFencedCharCount));
}
