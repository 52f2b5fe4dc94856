using MimeKit;
using MimeKit.Utils;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Mail;

/// <summary>
/// The one way a mail leaves the wiki: queued as a row through the caller's context, so it commits (or rolls back)
/// with what caused it. The outbox sender delivers it after the commit.
/// </summary>
public sealed class WikiMail(MailSettings settings, TimeProvider clock)
{
    private readonly SemaphoreSlim due = new(0, 1);

    public MailSettings Settings => settings;

    /// <summary>Whether <paramref name="address"/> is one mail can be sent to ("name@host", nothing else).</summary>
    public static bool IsAddress(string? address) =>
        !string.IsNullOrWhiteSpace(address) && address.Length <= 320
        && MailboxAddress.TryParse(address.Trim(), out var parsed) && parsed.Address == address.Trim() && parsed.Address.Contains('@', StringComparison.Ordinal);

    /// <summary>Adds the message to <paramref name="db"/>; it is sent once the caller's SaveChanges (and transaction) commits.</summary>
    public OutboxMessage Queue(WikiDbContext db, string to, MailKind kind, MailContent content)
    {
        if (!IsAddress(to))
        {
            throw new ArgumentException($"'{to}' is not an e-mail address.", nameof(to));
        }
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            To = to.Trim(),
            Subject = content.Subject,
            TextBody = content.Text,
            HtmlBody = content.Html,
            MessageId = MimeUtils.GenerateMessageId(settings.PublicUrl?.Host ?? "promisingness.wiki"),
            Kind = kind,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Outbox.Add(message);
        // Inside an explicit transaction this runs before the commit; the sender then finds the row at its next look.
        db.SavedChanges += (_, _) => Wake();
        return message;
    }

    /// <summary>Tells the sender to look now rather than at its next poll.</summary>
    public void Wake()
    {
        try
        {
            due.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    internal Task WaitAsync(CancellationToken cancellationToken) => due.WaitAsync(settings.Poll, cancellationToken);
}
