using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Recent;

public sealed record RecentFilter(int? ProgramId = null, string? Person = null, EntryKind? Kind = null, int Page = 1);

// Credit: the author, or "assistant for author". PreviousReadable: whether the reader may read the revision before this one (a diff needs both).
public sealed record RecentChange(string EntryTitle, string EntryUrl, string Slug, EntryKind Kind, int Number, string Credit, int? AuthorProgramId, DateTimeOffset At, string EditNote, string BodyHtml, bool PreviousReadable)
{
    /// <summary>The diff this revision made, or null for the first one and for one whose predecessor the reader may not open.</summary>
    public string? DiffUrl => Number > 1 && PreviousReadable ? $"entries/{Slug}/diff?from={Number - 1}&to={Number}" : null;
}

public sealed record RecentChangesPage(IReadOnlyList<RecentChange> Changes, bool HasMore, IReadOnlyList<string> People);

/// <summary>Every revision the reader may see, newest first: anonymous visitors only public revisions of public entries.</summary>
public sealed class RecentChanges(IDbContextFactory<WikiDbContext> dbFactory)
{
    public const int PageSize = 50;
    public const int MaxPage = 200;

    public async Task<RecentChangesPage> ListAsync(WikiUser? reader, RecentFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var revisions = Visible(db, reader);
        var people = await revisions.Select(r => r.AuthorName).Distinct().OrderBy(n => n).Take(500).ToListAsync(cancellationToken);
        if (filter.ProgramId is { } program)
        {
            revisions = revisions.Where(r => r.AuthorProgramId == program);
        }
        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            revisions = revisions.Where(r => r.AuthorName == filter.Person);
        }
        if (filter.Kind is { } kind)
        {
            revisions = revisions.Where(r => r.Entry!.Kind == kind);
        }
        var page = Math.Clamp(filter.Page, 1, MaxPage);
        var rows = await ToChangesAsync(db, revisions.OrderByDescending(r => r.Id).Skip((page - 1) * PageSize).Take(PageSize + 1), reader, cancellationToken);
        return new RecentChangesPage([.. rows.Take(PageSize)], rows.Count > PageSize, people);
    }

    /// <summary>The latest public changes, for the Atom feed.</summary>
    public async Task<IReadOnlyList<RecentChange>> PublicAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ToChangesAsync(db, Visible(db, reader: null).OrderByDescending(r => r.Id).Take(count), reader: null, cancellationToken);
    }

    private static IQueryable<Revision> Visible(WikiDbContext db, WikiUser? reader)
    {
        var readable = db.Entries.ReadableBy(reader);
        var member = reader is { Locked: false };
        return db.Revisions.AsNoTracking().Where(r => readable.Any(e => e.Id == r.EntryId) && (member || r.Visibility == Visibility.Public));
    }

    private static async Task<List<RecentChange>> ToChangesAsync(WikiDbContext db, IQueryable<Revision> revisions, WikiUser? reader, CancellationToken cancellationToken)
    {
        var member = reader is { Locked: false };
        var rows = await revisions
            .Select(r => new
            {
                r.Entry!.Title,
                r.Entry.Slug,
                r.Entry.Kind,
                r.Number,
                r.AuthorName,
                r.AssistantName,
                r.AuthorProgramId,
                r.CreatedAt,
                r.EditNote,
                r.BodyHtml,
                PreviousReadable = member || db.Revisions.Any(p => p.EntryId == r.EntryId && p.Number == r.Number - 1 && p.Visibility == Visibility.Public),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RecentChange(r.Title, EntryUrls.For(r.Kind, r.Slug), r.Slug, r.Kind, r.Number, Author.Credit(r.AuthorName, r.AssistantName), r.AuthorProgramId, r.CreatedAt, r.EditNote, r.BodyHtml, r.PreviousReadable))];
    }
}
