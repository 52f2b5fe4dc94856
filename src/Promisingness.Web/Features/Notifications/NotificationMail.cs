using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Mail;

namespace Promisingness.Web.Features.Notifications;

/// <summary>
/// The mail beside each inbox row, per the recipient's choice for its kind: queued now (through the caller's context,
/// so it commits with the row), marked for a digest, or nothing. A mail names the entry and who did what, and quotes
/// what was said (the row's plain-text excerpt), never the entry's text; the Notifier has checked that the recipient
/// may read the entry, and the outbox sender checks again just before sending.
/// </summary>
public sealed class NotificationMail(WikiMail mail, UnsubscribeTokens unsubscribe)
{
    public const string PreferencesPath = "Account/Manage/Notifications";

    public async Task AddAsync(WikiDbContext db, IReadOnlyList<Notification> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var ids = rows.Select(r => r.RecipientUserId).Distinct().ToList();
        var choices = await MailPreferences.OfAsync(db, ids, cancellationToken);
        var addresses = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var entryIds = rows.Select(r => r.EntryId).Distinct().ToList();
        var entries = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).Select(e => new { e.Id, e.Title, e.Slug, e.Kind }).ToDictionaryAsync(e => e.Id, cancellationToken);
        foreach (var row in rows)
        {
            switch (choices[row.RecipientUserId][row.Kind])
            {
                case MailDelivery.DailyDigest or MailDelivery.WeeklyDigest:
                    row.AwaitsDigest = true;
                    break;
                case MailDelivery.AtOnce when WikiMail.IsAddress(addresses.GetValueOrDefault(row.RecipientUserId)) && entries.TryGetValue(row.EntryId, out var entry):
                    var unsubscribeLink = unsubscribe.LinkFor(row.RecipientUserId, [row.Kind]);
                    var content = MailTexts.Notification(row.ActorName, row.Text, entry.Title, row.Excerpt, LinkTo(entry.Kind, entry.Slug, row.ThreadId),
                        MailPreferences.Label(row.Kind), mail.Settings.Link(PreferencesPath, null), unsubscribeLink);
                    var message = mail.Queue(db, addresses[row.RecipientUserId]!, MailKind.Notification, content);
                    message.RecipientUserId = row.RecipientUserId;
                    message.EntryId = row.EntryId;
                    message.UnsubscribeUrl = unsubscribeLink.AbsoluteUri;
                    break;
            }
        }
    }

    /// <summary>The entry's page on Wiki:PublicUrl, at the thread when the notification is about one.</summary>
    public Uri LinkTo(EntryKind kind, string slug, int? threadId) =>
        mail.Settings.Link(EntryUrls.For(kind, slug) + (threadId is null ? "" : $"#thread-{threadId}"), null);
}
