namespace Promisingness.Web.Data;

/// <summary>
/// A summary's week, topic and place in the review workflow. The state is kept here for the review queue;
/// every step that moved it is a <see cref="ReviewStep"/>.
/// </summary>
public sealed class WeeklySummary
{
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }

    /// <summary>ISO 8601 week, "2026-W48".</summary>
    public required string Week { get; set; }

    public int? TopicId { get; set; }
    public Entry? Topic { get; set; }

    /// <summary>The researcher whose week it is.</summary>
    public int AuthorMemberId { get; set; }
    public Member? AuthorMember { get; set; }

    public ReviewState State { get; set; }

    /// <summary>When the state last changed: the review queue is oldest first by this.</summary>
    public DateTimeOffset StateSince { get; set; }

    /// <summary>The revision the last approval was given to; a later edit does not move it.</summary>
    public int? ApprovedRevisionNumber { get; set; }
}

/// <summary>One move of a summary through review: who, when, on which revision, and why.</summary>
public sealed class ReviewStep
{
    public int Id { get; set; }
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public int RevisionNumber { get; set; }
    public ReviewAction Action { get; set; }
    public required string ActorName { get; set; }
    public string? ActorUserId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Note { get; set; } = "";
}
