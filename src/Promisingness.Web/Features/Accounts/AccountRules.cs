using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Accounts;

/// <summary>The shape every account must have: a known role, and a program exactly when it is a researcher's.</summary>
public static class AccountRules
{
    public static string? Problem(string role, int? programId) => role switch
    {
        Roles.Researcher when programId is null => "A researcher belongs to a program: choose AISC, MARS or SPAR.",
        Roles.Mentor or Roles.Admin when programId is not null => "Mentors and admins belong to no program.",
        Roles.Researcher or Roles.Mentor or Roles.Admin => null,
        _ => $"'{role}' is not a role: choose Researcher, Mentor or Admin.",
    };
}
