using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Promisingness.Web.Data;

namespace Promisingness.Web.Security;

/// <summary>
/// Adds what the app bar shows (display name, program) to the sign-in cookie. These claims are only for
/// display: every decision re-reads the user from the database (WikiUsers).
/// </summary>
public sealed class WikiClaims(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    IDbContextFactory<WikiDbContext> dbFactory)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    public const string DisplayName = "wiki:display-name";
    public const string Program = "wiki:program";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, user.DisplayName.Length > 0 ? user.DisplayName : user.Email ?? ""));
        if (user.ProgramId is { } programId)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var code = await db.Programs.Where(p => p.Id == programId).Select(p => p.Code).FirstOrDefaultAsync();
            if (code is not null)
            {
                identity.AddClaim(new Claim(Program, code));
            }
        }
        return identity;
    }
}
