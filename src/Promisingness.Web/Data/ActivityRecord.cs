namespace Promisingness.Web.Data;

/// <summary>
/// What happened, to what, by whom, when: the source of recent changes and the audit log.
/// Its growing id also tells every process that content changed (see ContentChangeWatcher).
/// </summary>
public sealed class ActivityRecord
{
    public const int DetailsMaxLength = 2000;

    /// <summary>Details cut to the column's length: a long edit note must not make the change fail.</summary>
    public static string Fit(string details) => details.Length <= DetailsMaxLength ? details : details[..(DetailsMaxLength - 1)] + "…";

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Action { get; set; }
    public int? EntryId { get; set; }
    public Entry? Entry { get; set; }
    public int? RevisionNumber { get; set; }
    public required string ActorName { get; set; }
    public string? ActorUserId { get; set; }
    public string Details { get; set; } = "";

    /// <summary>Where the action came from: the client's address, or "command line" (see <see cref="ActionOrigin"/>).</summary>
    public string Origin { get; set; } = ActionOrigin.Current;
}
