using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;

namespace Promisingness.Web.Security;

/// <summary>Reads a signed-in user's current role, program and lock state from the database.</summary>
public sealed class WikiUsers(IDbContextFactory<WikiDbContext> dbFactory, TimeProvider clock)
{
    public async Task<WikiUser?> LoadAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var id = principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        return id is null ? null : await LoadAsync(id, cancellationToken);
    }

    public async Task<WikiUser?> LoadAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await RowOf.For(db)(db, userId, cancellationToken);
        return row is null
            ? null
            : new WikiUser(row.Id, row.DisplayName.Length > 0 ? row.DisplayName : row.Email ?? "", row.Role ?? "", row.ProgramId, row.MemberId, row.LockoutEnd > clock.GetUtcNow());
    }

    private sealed record UserRow(string Id, string DisplayName, string? Email, int? ProgramId, int? MemberId, DateTimeOffset? LockoutEnd, string? Role);

    // Compiled: every signed-in request and every save asks this.
    private static readonly CompiledQuery<Func<WikiDbContext, string, CancellationToken, Task<UserRow?>>> RowOf = new(() => EF.CompileAsyncQuery(
        (WikiDbContext db, string userId, CancellationToken cancellationToken) => db.Users
            .Where(u => u.Id == userId)
            .Select(u => new UserRow(
                u.Id,
                u.DisplayName,
                u.Email,
                u.ProgramId,
                u.MemberId,
                u.LockoutEnd,
                db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault()))
            .FirstOrDefault()));
}
