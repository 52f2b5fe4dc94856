using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Entries;

public static class RenamedEntries
{
    /// <summary>The current slug of a renamed entry the reader may see, or null: a redirect must not reveal an entry the reader may not read.</summary>
    public static Task<string?> CurrentSlugAsync(WikiDbContext db, string slug, EntryKind? kind, WikiUser? reader, CancellationToken cancellationToken) =>
        // From the redirect by its key to its entry, not a walk over the entries of the kind: every page not found asks this.
        db.SlugRedirects.Where(r => r.Slug == slug)
            .Join(db.Entries.ReadableBy(reader).Where(e => kind == null || e.Kind == kind), r => r.EntryId, e => e.Id, (r, e) => e.Slug)
            .FirstOrDefaultAsync(cancellationToken);
}
