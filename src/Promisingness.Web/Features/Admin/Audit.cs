using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Admin;

/// <summary>Every action the audit log records, with the words /admin/audit shows for it.</summary>
public static class AuditActions
{
    public const string InvitationCreated = "invitation.created";
    public const string InvitationAccepted = "invitation.accepted";
    public const string RoleChanged = "user.role-changed";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string MemberLinked = "user.member-linked";
    public const string UserAdded = "user.added";
    public const string BackupTaken = "backup.taken";
    public const string Restored = "backup.restored";
    public const string SummarySubmitted = "summary.submitted";
    public const string SummaryChangesRequested = "summary.changes-requested";
    public const string SummaryApproved = "summary.approved";
    public const string SummaryPublished = "summary.published";
    public const string CommentEdited = "comment.edited";
    public const string CommentDeleted = "comment.deleted";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [ActivityActions.EntryCreated] = "Entry created",
        [ActivityActions.EntryEdited] = "Entry edited",
        [ActivityActions.EntryVisibilityChanged] = "Visibility changed",
        [ActivityActions.EntryRestored] = "Revision restored",
        [ActivityActions.EntryRemovedFromReadme] = "Removed from the README",
        [SummarySubmitted] = "Summary submitted",
        [SummaryChangesRequested] = "Changes requested",
        [SummaryApproved] = "Summary approved",
        [SummaryPublished] = "Summary published",
        [CommentEdited] = "Comment edited",
        [CommentDeleted] = "Comment deleted",
        [RoleChanged] = "Role changed",
        [UserLocked] = "Account locked",
        [UserUnlocked] = "Account unlocked",
        [UserAdded] = "Account added",
        [MemberLinked] = "Account linked to a member",
        [InvitationCreated] = "Invitation made",
        [InvitationAccepted] = "Invitation accepted",
        [ActivityActions.Imported] = "Import",
        [ActivityActions.Exported] = "Export",
        [BackupTaken] = "Backup taken",
        [Restored] = "Backup restored",
    };

    public static readonly IReadOnlyList<string> All = [.. Labels.Keys];

    public static string Label(string action) => Labels.GetValueOrDefault(action, action);
}

public sealed record AuditRow(long Id, DateTimeOffset At, string Action, string ActorName, string? EntrySlug, int? RevisionNumber, string Details, string Origin);

/// <summary>One page of the log, with everyone who appears in it (for the filter).</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditRow> Rows, int Total, int Page, int PageSize, IReadOnlyList<string> People)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The audit log: who did what, when and from where. Its rows are activity rows (an edit's row is written by
/// the RevisionRecorder with its revision), each added in the same transaction as the change it records, so a
/// change that fails leaves no row. Only admins read it, checked here on the user as the database holds them.
/// </summary>
public sealed class Audit(IDbContextFactory<WikiDbContext> dbFactory, WikiUsers users, TimeProvider clock)
{
    public const int PageSize = 50;

    public void Add(WikiDbContext db, WikiUser actor, string action, string details, int? entryId = null, int? revisionNumber = null) =>
        db.Activities.Add(new Activity
        {
            At = clock.GetUtcNow(),
            Action = action,
            ActorName = actor.Name,
            ActorUserId = actor.Id,
            EntryId = entryId,
            RevisionNumber = revisionNumber,
            Details = Activity.Fit(details),
        });

    /// <summary>Newest first, one page at a time, optionally of one action and one person; null when the reader is not an admin.</summary>
    public async Task<AuditLogPage?> PageAsync(string readerUserId, string? action = null, string? person = null, int page = 1, CancellationToken cancellationToken = default)
    {
        if (await users.LoadAsync(readerUserId, cancellationToken) is not { IsAdmin: true, Locked: false })
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.Activities.AsNoTracking().Where(a => AuditActions.All.Contains(a.Action));
        if (!string.IsNullOrEmpty(action))
        {
            rows = rows.Where(a => a.Action == action);
        }
        if (!string.IsNullOrEmpty(person))
        {
            rows = rows.Where(a => a.ActorName == person);
        }
        var total = await rows.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await rows.OrderByDescending(a => a.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(a => new AuditRow(a.Id, a.At, a.Action, a.ActorName, a.Entry == null ? null : a.Entry.Slug, a.RevisionNumber, a.Details, a.Origin))
            .ToListAsync(cancellationToken);
        var people = await db.Activities.AsNoTracking().Where(a => AuditActions.All.Contains(a.Action))
            .Select(a => a.ActorName).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
        return new AuditLogPage(items, total, page, PageSize, people);
    }
}
