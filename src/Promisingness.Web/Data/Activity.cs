namespace Promisingness.Web.Data;

/// <summary>
/// What happened, to what, by whom, when: the source of recent changes and the audit log.
/// Its growing id also tells every process that content changed (see ContentChangeWatcher).
/// </summary>
public sealed class Activity
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Action { get; set; }
    public int? EntryId { get; set; }
    public Entry? Entry { get; set; }
    public int? RevisionNumber { get; set; }
    public required string ActorName { get; set; }
    public string? ActorUserId { get; set; }
    public string Details { get; set; } = "";
}

public static class ActivityActions
{
    public const string EntryCreated = "entry.created";
    public const string EntryEdited = "entry.edited";
    public const string EntryRemovedFromReadme = "entry.removed-from-readme";
    public const string MemberAdded = "member.added";
    public const string MemberChanged = "member.changed";
    public const string Imported = "import";
    public const string Exported = "export";
}
