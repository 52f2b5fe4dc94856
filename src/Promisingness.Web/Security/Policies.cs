using Microsoft.AspNetCore.Authorization;

namespace Promisingness.Web.Security;

public static class Policies
{
    public const string Admin = nameof(Admin);
    public const string Member = nameof(Member);

    public static void AddWikiPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Admin, policy => policy.RequireRole(Roles.Admin))
        .AddPolicy(Member, policy => policy.RequireAuthenticatedUser());
}
