using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Notifications;

/// <summary>
/// Adds notifications to the recipients' inboxes, leaving out the actor and anyone who may not read the
/// entry: a notification never tells someone about an entry they cannot see.
/// </summary>
public sealed class Notifier(WikiUsers users, NotificationMail mail)
{
    /// <summary>
    /// What happened. Excerpt: what was said, as plain text (an excerpt of a comment's rendered HTML with
    /// <see cref="Excerpts.FromHtml"/>, or of a note with <see cref="Excerpts.FromText"/>); cut again to fit here.
    /// </summary>
    public sealed record Message(NotificationKind Kind, int EntryId, string ActorName, string Text, int? ThreadId = null, int? RevisionNumber = null, string Excerpt = "");

    /// <summary>
    /// Adds the rows to <paramref name="db"/>, with the mail each recipient chose (<see cref="NotificationMail"/>), saved
    /// with the caller's change in its transaction; returns who was notified.
    /// </summary>
    public async Task<IReadOnlyList<string>> AddAsync(WikiDbContext db, IEnumerable<string> recipientIds, string? actorUserId, Message message, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var recipients = recipientIds.Where(id => id != actorUserId).Distinct().ToList();
        if (recipients.Count == 0)
        {
            return [];
        }
        var facts = await EntryAccess.FactsAsync(db, message.EntryId, cancellationToken);
        if (facts is null)
        {
            return [];
        }
        var notified = new List<string>();
        var rows = new List<Notification>();
        foreach (var id in recipients)
        {
            var user = await users.LoadAsync(id, cancellationToken);
            if (user is null || !EntryPermissions.Can(user, EntryOperation.ReadComments, facts))
            {
                continue;
            }
            var row = new Notification
            {
                RecipientUserId = id,
                Kind = message.Kind,
                EntryId = message.EntryId,
                ThreadId = message.ThreadId,
                RevisionNumber = message.RevisionNumber,
                ActorName = message.ActorName,
                At = at,
                Text = message.Text.Length > 300 ? message.Text[..300] : message.Text,
                Excerpt = Excerpts.FromText(message.Excerpt, Notification.ExcerptMaxLength),
            };
            db.Notifications.Add(row);
            rows.Add(row);
            notified.Add(id);
        }
        await mail.AddAsync(db, rows, cancellationToken);
        return notified;
    }

    /// <summary>The mentors and admins, who hear of submissions for review.</summary>
    public static async Task<IReadOnlyList<string>> ReviewersAsync(WikiDbContext db, CancellationToken cancellationToken = default)
    {
        var roles = new[] { Roles.Mentor, Roles.Admin };
        return await db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))).Select(ur => ur.UserId).Distinct().ToListAsync(cancellationToken);
    }
}
