using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Tags;

public sealed record TagCount(string Name, int Count);

public sealed record TaggedEntry(string Title, string Url, EntryKind Kind);

/// <summary>The tags in use, and the entries that carry one, as a reader may see them.</summary>
public sealed class TagQueries(IDbContextFactory<WikiDbContext> dbFactory)
{
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
