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
        // One statement, the old slugs asked inside it: every uncached page of an entry asks this.
        var rows = await db.Entries.ReadableBy(reader).AsNoTracking()
            .Where(e => e.Slug != slug && db.EntryLinks.Any(l => l.FromEntryId == e.Id
                && (l.ToSlug == slug || db.SlugRedirects.Any(r => r.Slug == l.ToSlug && r.Entry!.Slug == slug))))
            .OrderBy(e => e.Title)
            .Select(e => new { e.Title, e.Kind, e.Slug })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new BacklinkView(r.Title, EntryUrls.For(r.Kind, r.Slug)))];
    }
}
