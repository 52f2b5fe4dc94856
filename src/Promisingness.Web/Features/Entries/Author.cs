namespace Promisingness.Web.Features.Entries;

/// <summary>
/// Who a revision or an activity is attributed to: a signed-in user, or a name given to an import; with the assistant
/// that wrote it for them when it came through an assistant token.
/// </summary>
public sealed record Author(string Name, string? UserId = null, int? ProgramId = null, string? AssistantName = null)
{
    /// <summary>"Severin Field", or "Claude for Severin Field" when an assistant wrote it for them.</summary>
    public static string Credit(string authorName, string? assistantName) => assistantName is { Length: > 0 } assistant ? $"{assistant} for {authorName}" : authorName;
}
