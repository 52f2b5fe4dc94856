using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Entries;

public sealed record BacklinkView(string Title, string Url);

/// <summary>The entries whose text links to an entry (by its slug or an old one), that the reader may see.</summary>
public sealed class Backlinks(IDbContextFactory<WikiDbContext> dbFactory)
{
    public async Task<IReadOnlyList<BacklinkView>> ToAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var slugs = await db.SlugRedirects.Where(r => r.Entry!.Slug == slug).Select(r => r.Slug).ToListAsync(cancellationToken);
        slugs.Add(slug);
        var rows = await db.Entries.ReadableBy(reader).AsNoTracking()
            .Where(e => e.Slug != slug && db.EntryLinks.Any(l => l.FromEntryId == e.Id && slugs.Contains(l.ToSlug)))
            .OrderBy(e => e.Title)
            .Select(e => new { e.Title, e.Kind, e.Slug })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new BacklinkView(r.Title, EntryUrls.For(r.Kind, r.Slug)))];
    }
}
