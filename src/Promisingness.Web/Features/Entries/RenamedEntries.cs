using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Entries;

public static class RenamedEntries
{
    /// <summary>The current slug of a renamed entry the reader may see, or null: a redirect must not reveal an entry the reader may not read.</summary>
    public static Task<string?> CurrentSlugAsync(WikiDbContext db, string slug, EntryKind? kind, WikiUser? reader, CancellationToken cancellationToken) =>
        db.Entries.ReadableBy(reader)
            .Where(e => (kind == null || e.Kind == kind) && db.SlugRedirects.Any(r => r.Slug == slug && r.EntryId == e.Id))
            .Select(e => e.Slug)
            .FirstOrDefaultAsync(cancellationToken);
}
