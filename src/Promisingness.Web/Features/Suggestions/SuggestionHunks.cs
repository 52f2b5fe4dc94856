using System.Text.Json;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Suggestions;

public enum HunkPart { Title, Text, Fields }

/// <summary>An entry's title, text and the editor's other fields (<see cref="SuggestedFields"/> as JSON): what a suggestion changes.</summary>
public sealed record EntryText(string Title, string Body, string FieldsJson);

/// <summary>One change of a suggestion against its base revision: the title, a block of lines of the text, or the other fields.</summary>
public sealed record Hunk(int Index, HunkPart Part, ThreeWayMerge.Edit? Edit, IReadOnlyList<DiffLine> Lines);

/// <summary>
/// A suggestion's changes, found against the revision it was made on (so they never move), and rebased on the
/// entry as it is now with the editor's own three-way merge: a change whose lines were changed since does not apply.
/// </summary>
public static class SuggestionHunks
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyList<Hunk> Of(EntryText original, EntryText suggested)
    {
        var hunks = new List<Hunk>();
        if (original.Title != suggested.Title)
        {
            hunks.Add(new Hunk(hunks.Count, HunkPart.Title, null, TextDiff.Lines(original.Title, suggested.Title)));
        }
        var lines = original.Body.Split('\n');
        foreach (var edit in ThreeWayMerge.Edits(original.Body, suggested.Body))
        {
            hunks.Add(new Hunk(hunks.Count, HunkPart.Text, edit, Lines(lines, edit)));
        }
        if (original.FieldsJson != suggested.FieldsJson)
        {
            hunks.Add(new Hunk(hunks.Count, HunkPart.Fields, null, TextDiff.Lines(Pretty(original.FieldsJson), Pretty(suggested.FieldsJson))));
        }
        return hunks;
    }

    /// <summary>Whether the change can still be made to the entry as it is now, exactly as suggested.</summary>
    public static bool Applies(Hunk hunk, EntryText original, EntryText current) => hunk.Part switch
    {
        HunkPart.Title => current.Title == original.Title,
        HunkPart.Fields => current.FieldsJson == original.FieldsJson,
        _ => ThreeWayMerge.TryMerge(original.Body, ThreeWayMerge.Apply(original.Body, [hunk.Edit!]), current.Body) is not null,
    };

    /// <summary>The entry as it is now with the chosen changes made, or null when they no longer apply together.</summary>
    public static EntryText? Merge(IReadOnlyCollection<Hunk> chosen, EntryText original, EntryText suggested, EntryText current)
    {
        if (chosen.Any(h => !Applies(h, original, current)))
        {
            return null;
        }
        var edits = chosen.Where(h => h.Part == HunkPart.Text).Select(h => h.Edit!).ToList();
        var body = ThreeWayMerge.TryMerge(original.Body, ThreeWayMerge.Apply(original.Body, edits), current.Body);
        return body is null
            ? null
            : new EntryText(
                chosen.Any(h => h.Part == HunkPart.Title) ? suggested.Title : current.Title,
                body,
                chosen.Any(h => h.Part == HunkPart.Fields) ? suggested.FieldsJson : current.FieldsJson);
    }

    /// <summary>The block's lines as the history's diff shows them, with the unchanged line on each side for context.</summary>
    private static List<DiffLine> Lines(string[] original, ThreeWayMerge.Edit edit)
    {
        var lines = new List<DiffLine>();
        if (edit.Start > 0)
        {
            lines.Add(Same(original[edit.Start - 1]));
        }
        var removed = string.Join('\n', original.Skip(edit.Start).Take(edit.Count));
        var added = string.Join('\n', edit.Replacement);
        lines.AddRange(edit.Count == 0 ? edit.Replacement.Select(l => new DiffLine(DiffKind.Added, [new DiffSpan(l, DiffKind.Added)]))
            : edit.Replacement.Count == 0 ? original.Skip(edit.Start).Take(edit.Count).Select(l => new DiffLine(DiffKind.Removed, [new DiffSpan(l, DiffKind.Removed)]))
            : TextDiff.Lines(removed, added));
        if (edit.Start + edit.Count < original.Length)
        {
            lines.Add(Same(original[edit.Start + edit.Count]));
        }
        return lines;
    }

    private static DiffLine Same(string line) => new(DiffKind.Same, [new DiffSpan(line, DiffKind.Same)]);

    private static string Pretty(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, Indented);
    }
}
