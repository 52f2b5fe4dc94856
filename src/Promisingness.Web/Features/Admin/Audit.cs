using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Admin;

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

    public static readonly IReadOnlyList<string> All = [InvitationCreated, InvitationAccepted, RoleChanged, UserLocked, UserUnlocked, MemberLinked, UserAdded, BackupTaken, Restored, ActivityActions.Imported, ActivityActions.Exported];
}

public sealed record AuditRow(DateTimeOffset At, string Action, string ActorName, string Details);

/// <summary>The audit log: account and administration actions, kept as activity rows that only admins read.</summary>
public sealed class Audit(IDbContextFactory<WikiDbContext> dbFactory, TimeProvider clock)
{
    public void Add(WikiDbContext db, WikiUser actor, string action, string details) =>
        db.Activities.Add(new Activity { At = clock.GetUtcNow(), Action = action, ActorName = actor.Name, ActorUserId = actor.Id, Details = details });

    public async Task<IReadOnlyList<AuditRow>> RecentAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Activities.AsNoTracking()
            .Where(a => AuditActions.All.Contains(a.Action))
            .OrderByDescending(a => a.Id)
            .Take(count)
            .Select(a => new AuditRow(a.At, a.Action, a.ActorName, a.Details))
            .ToListAsync(cancellationToken);
    }
}
