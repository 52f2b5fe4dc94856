using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Tags;

public sealed record TagCount(string Name, int Count);

public sealed record TaggedEntry(string Title, string Url, EntryKind Kind);

/// <summary>Tags: how they are written, and the entries that carry one.</summary>
public sealed class Tagging(IDbContextFactory<WikiDbContext> dbFactory)
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

    public async Task<IReadOnlyList<TagCount>> AllAsync(WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.EntryTags.AsNoTracking()
            .Where(t => db.Entries.ReadableBy(reader).Any(e => e.Id == t.EntryId))
            .GroupBy(t => t.Name)
            .OrderBy(g => g.Key)
            .Select(g => new TagCount(g.Key, g.Count()))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TaggedEntry>> EntriesAsync(string name, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Entries.ReadableBy(reader).AsNoTracking()
            .Where(e => e.Tags.Any(t => t.Name == name))
            .OrderBy(e => e.Kind).ThenBy(e => e.Title)
            .Select(e => new { e.Title, e.Kind, e.Slug })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new TaggedEntry(r.Title, EntryUrls.For(r.Kind, r.Slug), r.Kind))];
    }
}
