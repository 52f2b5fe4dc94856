using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Pages;

public sealed record PageView(string Slug, string Title, string BodyHtml, bool Removed, int RevisionNumber, DateTimeOffset UpdatedAt);

public sealed class PageQueries(IDbContextFactory<WikiDbContext> dbFactory)
{
    public async Task<Lookup<PageView>> GetAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.Entries.ReadableBy(reader).AsNoTracking()
            .FirstOrDefaultAsync(e => e.Kind == EntryKind.Page && e.Slug == slug, cancellationToken);
        if (entry is not null)
        {
            return new Lookup<PageView>(new PageView(entry.Slug, entry.Title, entry.BodyHtml, entry.Status == EntryStatus.RemovedFromReadme, entry.RevisionNumber, entry.UpdatedAt));
        }
        var movedTo = await RenamedEntries.CurrentSlugAsync(db, slug, EntryKind.Page, reader, cancellationToken);
        return movedTo is null ? Lookup<PageView>.NotFound : new Lookup<PageView>(null, movedTo);
    }
}
