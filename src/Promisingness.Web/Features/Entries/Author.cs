namespace Promisingness.Web.Features.Entries;

/// <summary>Who a revision or an activity is attributed to: a signed-in user, or a name given to an import.</summary>
public sealed record Author(string Name, string? UserId = null, int? ProgramId = null);
