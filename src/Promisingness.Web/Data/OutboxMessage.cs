namespace Promisingness.Web.Data;

/// <summary>What a mail is for: the admin's list shows it, and later kinds (review events, digests) add theirs.</summary>
public enum MailKind
{
    Invitation,
    PasswordReset,
    AddressConfirmation,
    Notification,
    Digest,
}

/// <summary>
/// A mail waiting to be sent, or sent. It is written in the same transaction as what caused it, so a mail is
/// never lost after its cause committed and never sent for a cause that rolled back. The sender claims a row
/// (ClaimedBy/ClaimedUntil, a compare-and-swap), so that of several instances only one sends it.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }

    /// <summary>Fixed when queued: a row sent again after a crash between "sent" and "marked" carries the same one.</summary>
    public required string MessageId { get; set; }
    public MailKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Set when the sender gave up (a day of failures); an admin may retry it.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    public string? ClaimedBy { get; set; }

    /// <summary>For a notification: whom it is for and the entry it names, checked again just before it is sent.</summary>
    public string? RecipientUserId { get; set; }
    public int? EntryId { get; set; }

    /// <summary>The one-click unsubscribe address (RFC 8058) of a notification or digest; null for account mail.</summary>
    public string? UnsubscribeUrl { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
}
