namespace Promisingness.Web.Data;

/// <summary>
/// A one-time link an admin makes for a program and a role. Only a hash of the token is stored, so
/// the database alone cannot be used to accept an invitation.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public int Id { get; set; }
    public required string TokenHash { get; set; }
    public required string Role { get; set; }
    public int? ProgramId { get; set; }
    public ResearchProgram? Program { get; set; }
    public int? MemberId { get; set; }
    public Member? Member { get; set; }
    public string? Email { get; set; }
    public required string CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public string? UsedByUserId { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
