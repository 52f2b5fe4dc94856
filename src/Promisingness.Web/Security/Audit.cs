using Promisingness.Web.Data;

namespace Promisingness.Web.Security;

/// <summary>
/// Every action an activity row may record, in one catalogue; those with a label are the audit log's, with the
/// words /admin/audit shows for them (the others, member changes and estimates, show in recent activity only).
/// </summary>
public static class AuditActions
{
    public const string EntryCreated = "entry.created";
    public const string EntryEdited = "entry.edited";
    public const string EntryRemovedFromReadme = "entry.removed-from-readme";
    public const string EntryVisibilityChanged = "entry.visibility-changed";
    public const string EntryRestored = "entry.restored";
    public const string MemberAdded = "member.added";
    public const string MemberChanged = "member.changed";
    public const string Imported = "import";
    public const string Exported = "export";
    public const string CredenceRecorded = "credence.recorded";
    public const string CredenceWithdrawn = "credence.withdrawn";
    public const string InvitationCreated = "invitation.created";
    public const string InvitationAccepted = "invitation.accepted";
    public const string RoleChanged = "user.role-changed";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string MemberLinked = "user.member-linked";
    public const string UserAdded = "user.added";
    public const string PasswordResetStarted = "user.password-reset-started";
    public const string BackupTaken = "backup.taken";
    public const string Restored = "backup.restored";
    public const string SummarySubmitted = "summary.submitted";
    public const string SummaryChangesRequested = "summary.changes-requested";
    public const string SummaryApproved = "summary.approved";
    public const string SummaryPublished = "summary.published";
    public const string CommentEdited = "comment.edited";
    public const string CommentDeleted = "comment.deleted";
    public const string FileUploaded = "file.uploaded";
    public const string FileRemoved = "file.removed";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string TokenWrote = "token.wrote";
    public const string MachineAccessChanged = "machine-access.changed";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [EntryCreated] = "Entry created",
        [EntryEdited] = "Entry edited",
        [EntryVisibilityChanged] = "Visibility changed",
        [EntryRestored] = "Revision restored",
        [EntryRemovedFromReadme] = "Removed from the README",
        [SummarySubmitted] = "Summary submitted",
        [SummaryChangesRequested] = "Changes requested",
        [SummaryApproved] = "Summary approved",
        [SummaryPublished] = "Summary published",
        [CommentEdited] = "Comment edited",
        [CommentDeleted] = "Comment deleted",
        [FileUploaded] = "File uploaded",
        [FileRemoved] = "File removed",
        [TokenCreated] = "Access token created",
        [TokenRevoked] = "Access token revoked",
        [TokenWrote] = "Written through an access token",
        [MachineAccessChanged] = "Machine access switched",
        [RoleChanged] = "Role changed",
        [UserLocked] = "Account locked",
        [UserUnlocked] = "Account unlocked",
        [UserAdded] = "Account added",
        [PasswordResetStarted] = "Password reset started",
        [MemberLinked] = "Account linked to a member",
        [InvitationCreated] = "Invitation made",
        [InvitationAccepted] = "Invitation accepted",
        [Imported] = "Import",
        [Exported] = "Export",
        [BackupTaken] = "Backup taken",
        [Restored] = "Backup restored",
    };

    public static readonly IReadOnlyList<string> All = [.. Labels.Keys];

    public static string Label(string action) => Labels.GetValueOrDefault(action, action);
}

/// <summary>
/// Writes the activity rows that recent changes and the audit log read: who did what, when and from where. Each
/// row is added to the context of the change it records, so it commits with it, and a change that fails leaves
/// no row. This is the one place rows are made.
/// </summary>
public sealed class Audit(TimeProvider clock)
{
    public void Add(WikiDbContext db, WikiUser actor, string action, string details, int? entryId = null, int? revisionNumber = null) =>
        Write(db, clock.GetUtcNow(), action, actor.Name, actor.Id, details, entryId: entryId, revisionNumber: revisionNumber);

    /// <summary>A row for an actor named by hand (an import, the revision recorder), at a given time.</summary>
    public static ActivityRecord Write(WikiDbContext db, DateTimeOffset at, string action, string actorName, string? actorUserId, string details = "",
        Entry? entry = null, int? entryId = null, int? revisionNumber = null)
    {
        var row = new ActivityRecord
        {
            At = at,
            Action = action,
            ActorName = actorName,
            ActorUserId = actorUserId,
            EntryId = entryId,
            RevisionNumber = revisionNumber,
            Details = ActivityRecord.Fit(details),
        };
        if (entry is not null)
        {
            row.Entry = entry;
        }
        db.Activities.Add(row);
        return row;
    }
}
