using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Inbox;

/// <summary>A notification as the inbox shows it; Excerpt is what was said, plain text (empty when nothing was).</summary>
public sealed record InboxItem(long Id, NotificationKind Kind, string ActorName, string Text, string Excerpt, string EntryTitle, string Url, DateTimeOffset At, bool Unread);

/// <summary>
/// A member's notifications. Each shows only while its entry is readable by the member now: an entry
/// made private since the notification was written drops out of the inbox.
/// </summary>
public sealed class InboxQueries(IDbContextFactory<WikiDbContext> dbFactory, InboxEvents events)
{
    public const int PageSize = 50;

    public async Task<int> UnreadCountAsync(WikiUser reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Mine(db, reader).CountAsync(n => n.ReadAt == null, cancellationToken);
    }

    public async Task<(IReadOnlyList<InboxItem> Items, bool HasMore)> ListAsync(WikiUser reader, bool unreadOnly, int page, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Mine(db, reader);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }
        var rows = await query.OrderByDescending(n => n.Id).Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize + 1)
            .Select(n => new { n.Id, n.Kind, n.ActorName, n.Text, n.Excerpt, n.Entry!.Title, n.Entry.Slug, EntryKind = n.Entry.Kind, n.ThreadId, n.At, n.ReadAt })
            .ToListAsync(cancellationToken);
        var items = rows.Take(PageSize).Select(n => new InboxItem(n.Id, n.Kind, n.ActorName, n.Text, n.Excerpt, n.Title,
            EntryUrls.For(n.EntryKind, n.Slug) + (n.ThreadId is { } thread ? $"#thread-{thread}" : ""), n.At, n.ReadAt is null));
        return ([.. items], rows.Count > PageSize);
    }

    /// <summary>Marks one notification read (or all of them, with null).</summary>
    public async Task MarkReadAsync(WikiUser reader, long? id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        await db.Notifications
            .Where(n => n.RecipientUserId == reader.Id && n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        events.Raise([reader.Id]);
    }

    private static IQueryable<Notification> Mine(WikiDbContext db, WikiUser reader)
    {
        var readable = db.Entries.ReadableBy(reader);
        return db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == reader.Id && readable.Any(e => e.Id == n.EntryId));
    }
}
