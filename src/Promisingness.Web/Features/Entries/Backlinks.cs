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
        var (userId, memberId) = ReadAccess.IdsOf(reader);
        var rows = await LinkingTo.For(db, reader)(db, slug, userId, memberId).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new BacklinkView(r.Title, EntryUrls.For(r.Kind, r.Slug)))];
    }

    private sealed record LinkingRow(string Title, EntryKind Kind, string Slug);

    // One compiled statement, the old slugs asked inside it: every uncached page of an entry asks this.
    private static readonly ReaderQuery<Func<WikiDbContext, string, string?, int, IAsyncEnumerable<LinkingRow>>> LinkingTo = new(scope => EF.CompileAsyncQuery(ReadAccess.ForScope(scope,
        (WikiDbContext db, string slug, string? userId, int memberId) => db.Entries
            .Where(e => e.Slug != slug && ReadAccess.MayRead(e, userId, memberId) && db.EntryLinks.Any(l => l.FromEntryId == e.Id
                && (l.ToSlug == slug || db.SlugRedirects.Any(r => r.Slug == l.ToSlug && r.Entry!.Slug == slug))))
            .OrderBy(e => e.Title)
            .Select(e => new LinkingRow(e.Title, e.Kind, e.Slug)))));
}
