using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
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

    public async Task<SlugResult<MeetingView>> GetAsync(string slug, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (userId, memberId) = ReadAccess.IdsOf(reader);
        var meeting = await MeetingOf.For(db, reader)(db, slug, userId, memberId);
        if (meeting is null)
        {
            var movedTo = await RenamedEntries.CurrentSlugAsync(db, slug, EntryKind.Meeting, reader, cancellationToken);
            return movedTo is null ? SlugResult<MeetingView>.NotFound : new SlugResult<MeetingView>(null, movedTo);
        }
        var attendees = await AttendeesOf.For(db)(db, meeting.EntryId).ToListAsync(cancellationToken);
        var actionItems = await ActionItemsOf.For(db)(db, meeting.EntryId).ToListAsync(cancellationToken);
        return new SlugResult<MeetingView>(meeting with { Attendees = [.. attendees.OrderBy(a => a.Name)], ActionItems = actionItems });
    }

    // Compiled, with the read rule of each scope: members see every meeting page uncached (bench/ scenario 2). Its
    // attendees and action items are read after.
    private static readonly ReaderQuery<Func<WikiDbContext, string, string?, int, Task<MeetingView?>>> MeetingOf = new(scope => EF.CompileAsyncQuery(ReadAccess.ForScope(scope,
        (WikiDbContext db, string slug, string? userId, int memberId) => db.Entries
            .Where(e => e.Slug == slug && e.Kind == EntryKind.Meeting && ReadAccess.MayRead(e, userId, memberId))
            .Select(e => new MeetingView(e.Id, e.Slug, e.Title, (DateOnly?)e.Meeting!.Date ?? DateOnly.MinValue, e.Visibility, Array.Empty<PersonLink>(),
                e.Meeting.AgendaHtml ?? "", e.BodyHtml, e.Meeting.DecisionsHtml ?? "", Array.Empty<ActionItemView>(), e.RevisionNumber, e.UpdatedAt))
            .FirstOrDefault())));

    private static readonly CompiledQuery<Func<WikiDbContext, int, IAsyncEnumerable<PersonLink>>> AttendeesOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId) => db.MeetingAttendees
            .Where(a => a.EntryId == entryId)
            .Select(a => new PersonLink(a.Member!.Name, a.Member.Slug, a.Member.Program!.Code, a.Member.Role))));

    private static readonly CompiledQuery<Func<WikiDbContext, int, IAsyncEnumerable<ActionItemView>>> ActionItemsOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, int entryId) => db.ActionItems
            .Where(a => a.EntryId == entryId)
            .OrderBy(a => a.Position)
            .Select(a => new ActionItemView(a.Id, a.Text, a.Owner!.Name, a.Owner.Slug, a.DueDate, a.Done))));

    /// <summary>Open action items: everyone's, or one member's (their own list).</summary>
    public async Task<IReadOnlyList<MeetingAgenda.OpenItem>> OpenItemsAsync(WikiUser? reader, int? ownerMemberId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await MeetingAgenda.OpenItemsAsync(db, reader, ownerMemberId, cancellationToken);
    }

    private static IQueryable<Entry> Meetings(WikiDbContext db, WikiUser? reader) =>
        db.Entries.ReadableBy(reader).Where(e => e.Kind == EntryKind.Meeting).AsNoTracking();
}
