using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>Reads the team from the Team Members section's fenced block: lines such as <c>MARS: A, B; \</c>.</summary>
internal static partial class ReadmeTeamReader
{
    /// <summary>
    /// The team lines of the first fenced block among <paramref name="blocks"/>; a line without a label or
    /// without names, and a name listed a second time, are left out (the section itself is kept as written).
    /// </summary>
    public static List<ReadmeTeamLine> Read(IReadOnlyList<Block> blocks, ReadmeSource source)
    {
        var fence = blocks.OfType<FencedCodeBlock>().FirstOrDefault();
        if (fence is null)
        {
            return [];
        }
        var lines = new List<string>();
        for (var i = source.FirstLine(fence) + 1; i <= source.LastLine(fence); i++)
        {
            lines.Add(source.Line(i));
        }
        return Read(lines);
    }

    public static List<ReadmeTeamLine> Read(IEnumerable<string> lines)
    {
        var team = new List<ReadmeTeamLine>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var label = colon < 0 ? "" : line[..colon].Trim();
            if (!LabelRegex().IsMatch(label))
            {
                continue;
            }
            var names = line[(colon + 1)..].Split(',')
                .Select(part => ReadmeText.CollapseWhitespace(part.Trim().TrimEnd(';', '.', '\\', ' ', '\t')))
                .Where(name => name.Length > 0 && seen.Add(name.ToLowerInvariant()))
                .ToList();
            if (names.Count > 0)
            {
                team.Add(new ReadmeTeamLine(label, names));
            }
        }
        return team;
    }

    /// <summary>A program's name or "Mentor": words, not a URL or Markdown (a fence left open may hold anything).</summary>
    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} .&'()-]{0,59}$")]
    private static partial Regex LabelRegex();
}
