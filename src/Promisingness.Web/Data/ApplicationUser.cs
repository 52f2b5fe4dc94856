using Microsoft.AspNetCore.Identity;

namespace Promisingness.Web.Data;

public sealed class ApplicationUser : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>The researcher's program; none for a mentor or an admin.</summary>
    public int? ProgramId { get; set; }
    public ResearchProgram? Program { get; set; }

    /// <summary>The team member this account is, so their name links to their contributions.</summary>
    public int? MemberId { get; set; }
    public Member? Member { get; set; }
}
