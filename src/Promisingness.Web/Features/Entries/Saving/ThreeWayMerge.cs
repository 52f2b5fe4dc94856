using DiffPlex;

namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>
/// Merges two edits of the same text line by line when they touch different parts; when they touch the
/// same or neighbouring lines there is no safe automatic answer and a person merges by hand.
/// </summary>
public static class ThreeWayMerge
{
    private static readonly Differ Differ = new();

    public static string? TryMerge(string original, string mine, string theirs)
    {
        if (mine == theirs || theirs == original)
        {
            return mine;
        }
        if (mine == original)
        {
            return theirs;
        }
        var edits = Edits(original, mine).Concat(Edits(original, theirs)).OrderBy(e => e.Start).ThenBy(e => e.Count).ToList();
        for (var i = 1; i < edits.Count; i++)
        {
            // Edits that overlap, share a line boundary, or insert at the same place cannot both be applied safely.
            if (edits[i].Start <= edits[i - 1].Start + edits[i - 1].Count)
            {
                return null;
            }
        }
        return Apply(original, edits);
    }

    /// <summary>A change of lines Start to Start + Count of the original into Replacement.</summary>
    public sealed record Edit(int Start, int Count, IReadOnlyList<string> Replacement);

    /// <summary>The original with the edits made, which must not overlap.</summary>
    public static string Apply(string original, IEnumerable<Edit> edits)
    {
        var merged = Lines(original);
        foreach (var edit in edits.OrderByDescending(e => e.Start))
        {
            merged.RemoveRange(edit.Start, edit.Count);
            merged.InsertRange(edit.Start, edit.Replacement);
        }
        return string.Join('\n', merged);
    }

    /// <summary>The changes from one text to another, line block by line block, in the original's line numbers.</summary>
    public static IEnumerable<Edit> Edits(string original, string changed)
    {
        var diff = Differ.CreateLineDiffs(original, changed, ignoreWhitespace: false);
        return diff.DiffBlocks.Select(block => new Edit(
            block.DeleteStartA,
            block.DeleteCountA,
            [.. diff.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB)]));
    }

    private static List<string> Lines(string text) => [.. text.Split('\n')];
}
