namespace Promisingness.Web.Data;

/// <summary>
/// A member's estimate for a question at a moment; the latest per member counts, the rest is its history.
/// A withdrawn estimate stays in the table (the history) but counts nowhere: not in the median, not on the chart.
/// </summary>
public sealed class Credence
{
    public const int RationaleMaxLength = 1000;

    public int Id { get; set; }
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public required string UserId { get; set; }
    public required string MemberName { get; set; }

    /// <summary>Between 0 and 1.</summary>
    public double Probability { get; set; }
    public string Rationale { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>When the member withdrew it; null while it stands.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
}
