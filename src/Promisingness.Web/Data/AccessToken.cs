namespace Promisingness.Web.Data;

/// <summary>What a personal access token may do; each scope includes the ones before it.</summary>
public enum TokenScope { Read, Comment, Suggest, Write }

/// <summary>
/// A personal access token: a script or an assistant acting as its member, never beyond them. Only the SHA-256 of
/// the secret is stored, so the database alone cannot be used to call the API.
/// </summary>
public sealed class AccessToken
{
    public const int NameMaxLength = 100;
    public const int AssistantNameMaxLength = 100;

    public int Id { get; set; }
    public required string Name { get; set; }
    public required string UserId { get; set; }
    public ApplicationUser? User { get; set; }
    public TokenScope Scope { get; set; }

    /// <summary>The assistant that writes through the token ("by Claude for Ada"); null for a plain script.</summary>
    public string? AssistantName { get; set; }

    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
