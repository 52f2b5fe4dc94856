using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Topics;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Meetings;

public sealed class MeetingQueries(IDbContextFactory<WikiDbContext> dbFactory)
{
    /// <summary>The meetings the reader may see, newest first.</summary>
    public async Task<IReadOnlyList<MeetingCard>> ListAsync(WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Meetings(db, reader)
            .Select(e => new
            {
                e.Slug,
                e.Title,
                Date = (DateOnly?)e.Meeting!.Date,
                e.Visibility,
                Attendees = e.Attendees.Count,
                Open = e.ActionItems.Count(a => !a.Done),
                Items = e.ActionItems.Count,
            })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => new MeetingCard(r.Slug, r.Title, r.Date ?? DateOnly.MinValue, r.Visibility, r.Attendees, r.Open, r.Items))
            .OrderByDescending(m => m.Date).ThenBy(m => m.Title)];
    }

    public async Task<Lookup<MeetingView>> GetAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await Meetings(db, reader)
            .Include(e => e.Meeting)
            .Include(e => e.Attendees).ThenInclude(a => a.Member).ThenInclude(m => m!.Program)
            .Include(e => e.ActionItems).ThenInclude(a => a.Owner)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Slug == slug, cancellationToken);
        if (entry is null)
        {
            var movedTo = await RenamedEntries.CurrentSlugAsync(db, slug, EntryKind.Meeting, reader, cancellationToken);
            return movedTo is null ? Lookup<MeetingView>.NotFound : new Lookup<MeetingView>(null, movedTo);
        }
        return new Lookup<MeetingView>(new MeetingView(
            entry.Id,
            entry.Slug,
            entry.Title,
            entry.Meeting?.Date ?? DateOnly.MinValue,
            entry.Visibility,
            [.. entry.Attendees.Select(a => a.Member!).OrderBy(m => m.Name).Select(m => new PersonLink(m.Name, m.Slug, m.Program?.Code, m.Role))],
            entry.Meeting?.AgendaHtml ?? "",
            entry.BodyHtml,
            entry.Meeting?.DecisionsHtml ?? "",
            [.. entry.ActionItems.OrderBy(a => a.Position).Select(a => new ActionItemView(a.Id, a.Text, a.Owner?.Name, a.Owner?.Slug, a.DueDate, a.Done))],
            entry.RevisionNumber,
            entry.UpdatedAt));
    }

    /// <summary>Open action items: everyone's, or one member's (their own list).</summary>
    public async Task<IReadOnlyList<MeetingAgenda.OpenItem>> OpenItemsAsync(WikiUser? reader, int? ownerMemberId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await MeetingAgenda.OpenItemsAsync(db, reader, ownerMemberId, cancellationToken);
    }

    private static IQueryable<Entry> Meetings(WikiDbContext db, WikiUser? reader) =>
        db.Entries.ReadableBy(reader).Where(e => e.Kind == EntryKind.Meeting).AsNoTracking();
}
