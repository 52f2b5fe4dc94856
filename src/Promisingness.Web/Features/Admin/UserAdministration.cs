using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Admin;

public sealed record UserRow(string Id, string Email, string DisplayName, string Role, int? ProgramId, string? ProgramCode, int? MemberId, string? MemberName, bool Locked);

public sealed record PendingInvitation(int Id, string Role, string? ProgramCode, string? MemberName, string? Email, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// What an admin does to accounts. Every method re-reads the acting admin from the database, and every
/// change that narrows access renews the user's security stamp, which ends their open circuits and cookies.
/// </summary>
public sealed class UserAdministration(
    IDbContextFactory<WikiDbContext> dbFactory,
    IServiceScopeFactory scopes,
    WikiUsers users,
    Audit audit,
    PasswordResets resets,
    TimeProvider clock)
{
    /// <summary>The actor the command line acts as: an operator at the machine is trusted like an admin.</summary>
    public static readonly WikiUser CommandLine = new("command-line", "command line", Roles.Admin, null, null, false);

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var rows = await db.Users.AsNoTracking()
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.ProgramId,
                ProgramCode = u.Program == null ? null : u.Program.Code,
                u.MemberId,
                MemberName = u.Member == null ? null : u.Member.Name,
                u.LockoutEnd,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, u.Role ?? "", u.ProgramId, u.ProgramCode, u.MemberId, u.MemberName, u.LockoutEnd > now))];
    }

    public async Task<IReadOnlyList<PendingInvitation>> PendingInvitationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Invitations.AsNoTracking()
            .Where(i => i.UsedAt == null && i.RevokedAt == null)
            .OrderByDescending(i => i.Id)
            .Select(i => new PendingInvitation(i.Id, i.Role, i.Program == null ? null : i.Program.Code, i.Member == null ? null : i.Member.Name, i.Email, i.CreatedAt, i.ExpiresAt))
            .ToListAsync(cancellationToken);
    }

    public Task<ApplicationUser> AddUserAsync(string actorUserId, string email, string displayName, string role, int? programId, int? memberId, string password, CancellationToken cancellationToken = default) =>
        WithAdminAsync(actorUserId, cancellationToken, async (admin, db, userManager) =>
        {
            if (AccountRules.Problem(role, programId) is { } problem)
            {
                throw new AccountException(problem);
            }
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, ProgramId = programId, MemberId = memberId };
            Check(await userManager.CreateAsync(user, password));
            Check(await userManager.AddToRoleAsync(user, role));
            audit.Add(db, admin, AuditActions.UserAdded, $"{displayName} <{email}> added as {role}");
            return user;
        });

    public Task ChangeRoleAsync(string actorUserId, string userId, string role, int? programId, CancellationToken cancellationToken = default) =>
        WithAdminAsync(actorUserId, cancellationToken, async (admin, db, userManager) =>
        {
            if (AccountRules.Problem(role, programId) is { } problem)
            {
                throw new AccountException(problem);
            }
            var user = await FindAsync(userManager, userId);
            var current = await userManager.GetRolesAsync(user);
            if (user.Id == admin.Id && role != Roles.Admin)
            {
                throw new AccountException("You cannot take away your own admin role; ask another admin.");
            }
            Check(await userManager.RemoveFromRolesAsync(user, current));
            Check(await userManager.AddToRoleAsync(user, role));
            user.ProgramId = programId;
            Check(await userManager.UpdateAsync(user));
            Check(await userManager.UpdateSecurityStampAsync(user));
            audit.Add(db, admin, AuditActions.RoleChanged, $"{Describe(user)}: {string.Join(",", current)} → {role}{(programId is null ? "" : $" (program #{programId})")}");
            return user;
        });

    public Task LockAsync(string actorUserId, string userId, CancellationToken cancellationToken = default) =>
        WithAdminAsync(actorUserId, cancellationToken, async (admin, db, userManager) =>
        {
            var user = await FindAsync(userManager, userId);
            if (user.Id == admin.Id)
            {
                throw new AccountException("You cannot lock your own account.");
            }
            Check(await userManager.SetLockoutEnabledAsync(user, true));
            Check(await userManager.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            Check(await userManager.UpdateSecurityStampAsync(user));
            audit.Add(db, admin, AuditActions.UserLocked, $"{Describe(user)} locked");
            return user;
        });

    public Task UnlockAsync(string actorUserId, string userId, CancellationToken cancellationToken = default) =>
        WithAdminAsync(actorUserId, cancellationToken, async (admin, db, userManager) =>
        {
            var user = await FindAsync(userManager, userId);
            Check(await userManager.SetLockoutEndDateAsync(user, null));
            Check(await userManager.ResetAccessFailedCountAsync(user));
            audit.Add(db, admin, AuditActions.UserUnlocked, $"{Describe(user)} unlocked");
            return user;
        });

    public Task LinkMemberAsync(string actorUserId, string userId, int? memberId, CancellationToken cancellationToken = default) =>
        WithAdminAsync(actorUserId, cancellationToken, async (admin, db, userManager) =>
        {
            var user = await FindAsync(userManager, userId);
            if (memberId is not null && await db.Users.AnyAsync(u => u.MemberId == memberId && u.Id != userId, cancellationToken))
            {
                throw new AccountException("That team member is already linked to another account.");
            }
            user.MemberId = memberId;
            Check(await userManager.UpdateAsync(user));
            audit.Add(db, admin, AuditActions.MemberLinked, $"{Describe(user)} linked to member #{memberId?.ToString() ?? "none"}");
            return user;
        });

    /// <summary>
    /// Mails the member a link to choose a new password and returns it, to be shown once: where mail does not
    /// arrive, the admin hands it over, so a member who forgot their password is never locked out for good.
    /// </summary>
    public async Task<Uri> StartPasswordResetAsync(string actorUserId, string userId, Uri? linkBase, CancellationToken cancellationToken = default)
    {
        var link = await resets.LinkAsync(userId, linkBase);
        await WithAdminAsync(actorUserId, cancellationToken, async (admin, db, userManager) =>
        {
            var user = await FindAsync(userManager, userId);
            resets.Queue(db, user, link);
            audit.Add(db, admin, AuditActions.PasswordResetStarted, $"{Describe(user)}: a link to choose a new password was mailed");
            return user;
        });
        return link;
    }

    private async Task<ApplicationUser> WithAdminAsync(
        string actorUserId,
        CancellationToken cancellationToken,
        Func<WikiUser, WikiDbContext, UserManager<ApplicationUser>, Task<ApplicationUser>> change)
    {
        var admin = actorUserId == CommandLine.Id ? CommandLine : await users.LoadAsync(actorUserId, cancellationToken);
        if (admin is not { IsAdmin: true, Locked: false })
        {
            throw new AccountException("Only an admin can manage accounts.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WikiDbContext>();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await change(admin, db, userManager);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    private static async Task<ApplicationUser> FindAsync(UserManager<ApplicationUser> userManager, string userId) =>
        await userManager.FindByIdAsync(userId) ?? throw new AccountException("That account does not exist.");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new AccountException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private static string Describe(ApplicationUser user) => $"{user.DisplayName} <{user.Email}>";
}
