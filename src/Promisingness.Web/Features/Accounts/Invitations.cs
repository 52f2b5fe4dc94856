using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Mail;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Accounts;

public enum InvitationState { Valid, Unknown, Expired, Used, Revoked }

public sealed record InvitationCheck(InvitationState State, Invitation? Invitation, string? MemberName)
{
    public string Message => State switch
    {
        InvitationState.Valid => "",
        InvitationState.Expired => "This invitation has expired. Ask an admin of the wiki for a new link.",
        InvitationState.Used => "This invitation has already been used. If it was you, sign in; otherwise ask an admin for a new link.",
        InvitationState.Revoked => "This invitation was withdrawn. Ask an admin of the wiki for a new link.",
        _ => "This invitation link is not valid. Check that you copied all of it, or ask an admin for a new link.",
    };
}

/// <summary>
/// One-time invitation links: an admin makes one for a program and a role; the invited person accepts it once, within
/// 7 days. With an address the link is also mailed, queued in the invitation's own transaction.
/// </summary>
public sealed class Invitations(
    IDbContextFactory<WikiDbContext> dbFactory,
    IServiceScopeFactory scopes,
    WikiUsers users,
    Audit audit,
    WikiMail mail,
    TimeProvider clock)
{
    /// <summary>The link to accept an invitation, on Wiki:PublicUrl (else on <paramref name="linkBase"/>, the address the admin uses).</summary>
    public Uri LinkFor(string token, Uri? linkBase) => mail.Settings.Link($"invite/{token}", linkBase);

    public async Task<(Invitation Invitation, string Token)> CreateAsync(string adminUserId, string role, int? programId, int? memberId, string? email, Uri? linkBase = null, CancellationToken cancellationToken = default) =>
        await CreateAsync(await RequireAdminAsync(adminUserId, cancellationToken), role, programId, memberId, email, linkBase, cancellationToken);

    /// <summary>For an actor checked already: an admin, or the operator at the command line.</summary>
    internal async Task<(Invitation Invitation, string Token)> CreateAsync(WikiUser admin, string role, int? programId, int? memberId, string? email, Uri? linkBase, CancellationToken cancellationToken = default)
    {
        if (AccountRules.Problem(role, programId) is { } problem)
        {
            throw new AccountException(problem);
        }
        if (!string.IsNullOrWhiteSpace(email) && !WikiMail.IsAddress(email))
        {
            throw new AccountException($"'{email.Trim()}' is not an e-mail address: write it as name@example.org, or leave it empty.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (programId is not null && !await db.Programs.AnyAsync(p => p.Id == programId, cancellationToken))
        {
            throw new AccountException("That program does not exist.");
        }
        if (memberId is not null)
        {
            if (!await db.Members.AnyAsync(m => m.Id == memberId, cancellationToken))
            {
                throw new AccountException("That team member does not exist.");
            }
            if (await db.Users.AnyAsync(u => u.MemberId == memberId, cancellationToken))
            {
                throw new AccountException("That team member already has an account.");
            }
        }

        var token = InvitationTokens.New();
        var now = clock.GetUtcNow();
        var invitation = new Invitation
        {
            TokenHash = InvitationTokens.Hash(token),
            Role = role,
            ProgramId = programId,
            MemberId = memberId,
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            CreatedByUserId = admin.Id,
            CreatedAt = now,
            ExpiresAt = now + Invitation.Lifetime,
        };
        db.Invitations.Add(invitation);
        audit.Add(db, admin, AuditActions.InvitationCreated, $"Invitation for a {role}{(programId is null ? "" : $" of program #{programId}")}{(memberId is null ? "" : $" as member #{memberId}")}{(invitation.Email is null ? "" : $", mailed to {invitation.Email}")}");
        if (invitation.Email is not null)
        {
            var program = programId is null ? null : await db.Programs.Where(p => p.Id == programId).Select(p => p.Name).FirstAsync(cancellationToken);
            // The command line acts as no account: its invitations name no person.
            var inviter = await db.Users.Where(u => u.Id == admin.Id).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
            mail.Queue(db, invitation.Email, MailKind.Invitation, MailTexts.Invitation(LinkFor(token, linkBase), inviter, role, program, invitation.ExpiresAt));
        }
        await db.SaveChangesAsync(cancellationToken);
        return (invitation, token);
    }

    /// <summary>A fresh link for the same invitation; the old link stops working.</summary>
    public async Task<(Invitation Invitation, string Token)> ResendAsync(string adminUserId, int invitationId, Uri? linkBase = null, CancellationToken cancellationToken = default)
    {
        var admin = await RequireAdminAsync(adminUserId, cancellationToken);
        Invitation old;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            old = await db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken)
                ?? throw new AccountException("That invitation does not exist.");
            if (old.UsedAt is not null)
            {
                throw new AccountException("That invitation has been used already.");
            }
            old.RevokedAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        return await CreateAsync(admin, old.Role, old.ProgramId, old.MemberId, old.Email, linkBase, cancellationToken);
    }

    public async Task<InvitationCheck> CheckAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return new InvitationCheck(InvitationState.Unknown, null, null);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = InvitationTokens.Hash(token);
        var invitation = await db.Invitations.AsNoTracking().Include(i => i.Member).Include(i => i.Program).FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        var state = invitation switch
        {
            null => InvitationState.Unknown,
            { UsedAt: not null } => InvitationState.Used,
            { RevokedAt: not null } => InvitationState.Revoked,
            _ when invitation.ExpiresAt <= clock.GetUtcNow() => InvitationState.Expired,
            _ => InvitationState.Valid,
        };
        return new InvitationCheck(state, invitation, invitation?.Member?.Name);
    }

    /// <summary>Creates the account the invitation was made for. The invitation is spent in the same transaction, so it works once.</summary>
    public async Task<ApplicationUser> AcceptAsync(string token, string email, string displayName, string password, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(token, cancellationToken);
        if (check.State != InvitationState.Valid)
        {
            throw new AccountException(check.Message);
        }
        var invitation = check.Invitation!;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WikiDbContext>();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // Compare-and-swap: of two people accepting the same link at once, only one moves this row.
        var spent = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.UsedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), cancellationToken);
        if (spent == 0)
        {
            throw new AccountException(new InvitationCheck(InvitationState.Used, null, null).Message);
        }

        var user = new ApplicationUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            ProgramId = invitation.ProgramId,
            MemberId = invitation.MemberId,
        };
        var created = await userManager.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new AccountException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await userManager.AddToRoleAsync(user, invitation.Role);
        await db.Invitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedByUserId, user.Id), cancellationToken);
        audit.Add(db, new WikiUser(user.Id, user.DisplayName, invitation.Role, user.ProgramId, user.MemberId, false), AuditActions.InvitationAccepted, $"{user.DisplayName} <{user.Email}> joined as {invitation.Role}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    private async Task<WikiUser> RequireAdminAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.LoadAsync(userId, cancellationToken);
        return user is { IsAdmin: true, Locked: false } ? user : throw new AccountException("Only an admin can manage invitations.");
    }
}
