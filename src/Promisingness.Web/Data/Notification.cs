namespace Promisingness.Web.Data;

/// <summary>Something a member should know about, in their inbox until read.</summary>
public sealed class Notification
{
    public const int ExcerptMaxLength = 280;

    public long Id { get; set; }
    public required string RecipientUserId { get; set; }
    public NotificationKind Kind { get; set; }

    /// <summary>Every notification is about an entry; the inbox shows it only while the recipient may read it.</summary>
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public int? ThreadId { get; set; }
    public int? RevisionNumber { get; set; }
    public required string ActorName { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>A short line without the entry's text ("requested changes", "mentioned you").</summary>
    public string Text { get; set; } = "";

    /// <summary>
    /// What was said, as plain text (never HTML), at most <see cref="ExcerptMaxLength"/> characters: the comment, the
    /// review note, the suggestion's note; empty when nothing was. Encoded wherever it is shown.
    /// </summary>
    public string Excerpt { get; set; } = "";
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Set when the recipient hears of it in a digest: cleared, with a compare-and-swap, when the digest is queued.</summary>
    public bool AwaitsDigest { get; set; }
}

/// <summary>A member's choice of how a kind of notification reaches them by mail; without a row, the kind's default.</summary>
public sealed class NotificationPreference
{
    public required string UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public MailDelivery Delivery { get; set; }
}

/// <summary>A member's own time zone for their digests (an IANA id); without a row, Mail:DigestTimeZone.</summary>
public sealed class NotificationSchedule
{
    public required string UserId { get; set; }
    public required string TimeZoneId { get; set; }
}

/// <summary>
/// An explicit choice to watch or not watch an entry. Authors and listed researchers watch without a row;
/// a row with Watching = false is how they stop.
/// </summary>
public sealed class Watch
{
    public required string UserId { get; set; }
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public bool Watching { get; set; }
}
