using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries;

/// <summary>Tags on an entry: how they are written, their limits, and setting them.</summary>
public static class TagRules
{
    public const int MaxPerEntry = 20;

    /// <summary>
    /// "Scalable Oversight, W2S" → ["scalable-oversight", "w2s"]: one spelling per tag. Nothing is cut here:
    /// too many tags, or one too long, is refused by <see cref="Problem"/> with a message.
    /// </summary>
    public static IReadOnlyList<string> Parse(string? text) =>
        [.. (text ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(t => t.Any(char.IsLetterOrDigit))
            .Select(t => Slugs.From(t, int.MaxValue))
            .Distinct()];

    /// <summary>Null when the tags fit the limits; otherwise what to tell the editor beside the tags field.</summary>
    public static string? Problem(IReadOnlyList<string> names)
    {
        if (names.Count > MaxPerEntry)
        {
            return $"An entry can have at most {MaxPerEntry} tags; these are {names.Count}. Remove {names.Count - MaxPerEntry}.";
        }
        return names.FirstOrDefault(n => n.Length > EntryTag.MaxLength) is { } tooLong
            ? $"A tag can have at most {EntryTag.MaxLength} characters; “{tooLong}” has {tooLong.Length}."
            : null;
    }

    public static void Apply(Entry entry, IReadOnlyList<string> names)
    {
        entry.Tags.RemoveAll(t => !names.Contains(t.Name));
        foreach (var name in names.Where(n => !entry.Tags.Any(t => t.Name == n)))
        {
            entry.Tags.Add(new EntryTag { Name = name });
        }
    }
}
