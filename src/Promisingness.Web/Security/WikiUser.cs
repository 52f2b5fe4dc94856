namespace Promisingness.Web.Security;

/// <summary>
/// A signed-in user's role, program and lock state as the database holds them now: a cookie or a
/// circuit can be minutes stale, so every decision that writes is made on a fresh copy.
/// </summary>
public sealed record WikiUser(string Id, string Name, string Role, int? ProgramId, int? MemberId, bool Locked)
{
    public bool IsAdmin => Role == Roles.Admin;
    public bool IsMentor => Role == Roles.Mentor;
    public bool IsResearcher => Role == Roles.Researcher;

    /// <summary>Mentors and admins see and edit everything.</summary>
    public bool SeesEverything => !Locked && (IsAdmin || IsMentor);
}
