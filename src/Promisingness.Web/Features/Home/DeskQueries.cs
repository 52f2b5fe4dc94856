using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Meetings;
using Promisingness.Web.Features.Summaries.Review;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Home;

public sealed record DeskSummary(string Slug, string Title, ReviewState State);

public sealed record MemberDesk(
    IsoWeek Week,
    IReadOnlyList<DeskSummary> MySummaries,
    IReadOnlyList<MeetingAgenda.OpenItem> MyActionItems,
    int WaitingForReview,
    (string Slug, string Title, DateOnly Date)? LastMeeting);

/// <summary>What a signed-in member's week asks of them, on one card at the top of the home page.</summary>
public sealed class DeskQueries(IDbContextFactory<WikiDbContext> dbFactory, ReviewQueue queue, TimeProvider clock)
{
    public async Task<MemberDesk> GetAsync(WikiUser reader, CancellationToken cancellationToken = default)
    {
        var week = IsoWeek.Of(clock.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var text = week.ToString();
        var summaries = reader.MemberId is { } me
            ? await db.WeeklySummaries.AsNoTracking().Where(s => s.AuthorMemberId == me && s.Week == text)
                .Select(s => new DeskSummary(s.Entry!.Slug, s.Entry.Title, s.State)).ToListAsync(cancellationToken)
            : [];
        var items = reader.MemberId is { } owner ? await MeetingAgenda.OpenItemsAsync(db, reader, owner, cancellationToken) : [];
        var meeting = await db.Entries.ReadableBy(reader).AsNoTracking().Where(e => e.Kind == EntryKind.Meeting && e.Meeting != null)
            .OrderByDescending(e => e.Meeting!.Date).Select(e => new { e.Slug, e.Title, e.Meeting!.Date }).FirstOrDefaultAsync(cancellationToken);
        return new MemberDesk(week, summaries, items, reader.SeesEverything ? await queue.CountAsync(cancellationToken) : 0,
            meeting is null ? null : (meeting.Slug, meeting.Title, meeting.Date));
    }
}
