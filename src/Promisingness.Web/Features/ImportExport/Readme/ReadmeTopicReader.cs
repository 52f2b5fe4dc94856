using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>
/// Reads a topic section from its blocks: a "Researched by" paragraph, free text, and lists of output links
/// each followed by an optional <c>#### Summary</c> and the summary text.
/// </summary>
internal static partial class ReadmeTopicReader
{
    /// <summary>
    /// The topic the blocks after a heading hold, or null when they are not a topic (no "Researched by" and no
    /// output). With <paramref name="withOutputs"/> false, everything after the byline is the body, as written.
    /// </summary>
    public static ReadmeTopic? Read(string heading, IReadOnlyList<Block> blocks, ReadmeSource source, bool withOutputs)
    {
        var researchers = new List<string>();
        string? byline = null;
        var joins = false;
        var first = 0;
        if (blocks.Count > 0 && blocks[0] is ParagraphBlock paragraph
            && Names(source.Line(source.FirstLine(paragraph))) is { Count: > 0 } names)
        {
            researchers = names;
            var line = source.Line(source.FirstLine(paragraph)).Trim();
            byline = line == ReadmeWriter.Byline(names) ? null : line;
            joins = source.LastLine(paragraph) > source.FirstLine(paragraph);
            first = 1;
        }

        var lists = withOutputs
            ? Enumerable.Range(first, blocks.Count - first).Where(i => IsOutputList(blocks[i], source)).ToList()
            : [];
        if (researchers.Count == 0 && lists.Count == 0)
        {
            return null;
        }

        var bodyEnd = lists.Count > 0 ? lists[0] : blocks.Count;
        var body = joins
            ? source.Region(source.FirstLine(blocks[0]) + 1, blocks, bodyEnd)
            : source.Blocks(blocks, first, bodyEnd);
        var outputs = new List<ReadmeOutput>();
        for (var k = 0; k < lists.Count; k++)
        {
            var items = ((ListBlock)blocks[lists[k]]).Select(item => ReadmeLinks.ReadOutput(BulletText(item, source))!).ToList();
            var tailEnd = k + 1 < lists.Count ? lists[k + 1] : blocks.Count;
            var tailStart = lists[k] + 1;
            string? summaryHeading = null;
            if (tailStart < tailEnd && blocks[tailStart] is HeadingBlock { Level: 4 } h
                && ReadmeParser.HeadingText(h, source) is var text && text.StartsWith("summary", StringComparison.OrdinalIgnoreCase))
            {
                summaryHeading = text;
                tailStart++;
            }
            items[^1] = items[^1] with { SummaryHeading = summaryHeading, Summary = source.Blocks(blocks, tailStart, tailEnd) };
            outputs.AddRange(items);
        }

        return new ReadmeTopic(heading, researchers, body, outputs) { Byline = byline, BodyJoinsByline = joins && body.Length > 0 };
    }

    /// <summary>The names of a "Researched by A, B and C" line, or null when the line is not one.</summary>
    public static List<string>? Names(string line)
    {
        var match = ResearchedByRegex().Match(line);
        if (!match.Success)
        {
            return null;
        }
        var rest = match.Groups["names"].Value.Trim().TrimEnd('.', '\\', ' ', '\t');
        return [.. NameSeparatorRegex().Split(rest).Select(part => ReadmeText.CollapseWhitespace(part.Trim())).Where(name => name.Length > 0)];
    }

    /// <summary>A bullet list whose every item is one line that starts with a link or a bare URL.</summary>
    private static bool IsOutputList(Block block, ReadmeSource source) =>
        block is ListBlock { IsOrdered: false } list
        && list.All(item => item is ListItemBlock { Count: 1 } li && li[0] is ParagraphBlock p
            && source.FirstLine(p) == source.LastLine(p)
            && ReadmeLinks.ReadOutput(BulletText(li, source)) is not null);

    private static string BulletText(Block item, ReadmeSource source)
    {
        var line = source.Line(source.FirstLine(item)).TrimStart(' ');
        return line.Length > 1 ? line[1..].TrimStart(' ', '\t') : "";
    }

    [GeneratedRegex(@"^\s{0,3}Researched by(?:\s+(?<names>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResearchedByRegex();

    [GeneratedRegex(@",|&|\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NameSeparatorRegex();
}
