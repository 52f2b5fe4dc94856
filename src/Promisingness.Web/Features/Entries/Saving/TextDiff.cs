using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Promisingness.Web.Features.Entries.Saving;

public enum DiffKind { Same, Added, Removed }

public sealed record DiffSpan(string Text, DiffKind Kind);

/// <summary>One line of an inline diff; a changed line shows which words changed.</summary>
public sealed record DiffLine(DiffKind Kind, IReadOnlyList<DiffSpan> Spans)
{
    /// <summary>The line as a unified diff writes it, for scripts: "+" added, "-" removed, " " unchanged, then its text.</summary>
    public string AsUnified() => (Kind switch { DiffKind.Added => "+", DiffKind.Removed => "-", _ => " " }) + string.Concat(Spans.Select(s => s.Text));
}

/// <summary>An inline diff of two texts: line by line, and word by word within a changed line.</summary>
public static class TextDiff
{
    private static readonly SideBySideDiffBuilder Builder = new(new Differ());

    public static IReadOnlyList<DiffLine> Lines(string before, string after)
    {
        var model = Builder.BuildDiffModel(before, after, ignoreWhitespace: false);
        var lines = new List<DiffLine>();
        for (var i = 0; i < Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count); i++)
        {
            var old = i < model.OldText.Lines.Count ? model.OldText.Lines[i] : null;
            var @new = i < model.NewText.Lines.Count ? model.NewText.Lines[i] : null;
            if (old?.Type == ChangeType.Unchanged)
            {
                lines.Add(new DiffLine(DiffKind.Same, [new DiffSpan(old.Text ?? "", DiffKind.Same)]));
                continue;
            }
            if (old is { Type: ChangeType.Deleted or ChangeType.Modified })
            {
                lines.Add(new DiffLine(DiffKind.Removed, Spans(old, DiffKind.Removed)));
            }
            if (@new is { Type: ChangeType.Inserted or ChangeType.Modified })
            {
                lines.Add(new DiffLine(DiffKind.Added, Spans(@new, DiffKind.Added)));
            }
        }
        return lines;
    }

    private static List<DiffSpan> Spans(DiffPiece line, DiffKind changed) =>
        line.Type == ChangeType.Modified && line.SubPieces.Count > 0
            ? [.. line.SubPieces.Where(p => p.Type != ChangeType.Imaginary).Select(p => new DiffSpan(p.Text ?? "", p.Type == ChangeType.Unchanged ? DiffKind.Same : changed))]
            : [new DiffSpan(line.Text ?? "", changed)];
}
