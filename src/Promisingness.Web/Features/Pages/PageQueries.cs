using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Pages;

public sealed record PageView(string Slug, string Title, string BodyHtml, bool Removed, int RevisionNumber, DateTimeOffset UpdatedAt);

public sealed class PageQueries(IDbContextFactory<WikiDbContext> dbFactory)
{
    public async Task<SlugResult<PageView>> GetAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (userId, memberId) = ReadAccess.IdsOf(reader);
        var page = await PageOf.For(db, reader)(db, slug, userId, memberId);
        if (page is not null)
        {
            return new SlugResult<PageView>(page);
        }
        var movedTo = await RenamedEntries.CurrentSlugAsync(db, slug, EntryKind.Page, reader, cancellationToken);
        return movedTo is null ? SlugResult<PageView>.NotFound : new SlugResult<PageView>(null, movedTo);
    }

    // Compiled, with the read rule of each scope: every uncached page asks this (bench/ scenario 2).
    private static readonly ReaderQuery<Func<WikiDbContext, string, string?, int, Task<PageView?>>> PageOf = new(scope => EF.CompileAsyncQuery(ReadAccess.ForScope(scope,
        (WikiDbContext db, string slug, string? userId, int memberId) => db.Entries
            .Where(e => e.Slug == slug && e.Kind == EntryKind.Page && ReadAccess.MayRead(e, userId, memberId))
            .Select(e => new PageView(e.Slug, e.Title, e.BodyHtml, e.Status == EntryStatus.RemovedFromReadme, e.RevisionNumber, e.UpdatedAt))
            .FirstOrDefault())));
}
