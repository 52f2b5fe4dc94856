namespace Promisingness.Web.Features.Admin;

public sealed record InviteRequest(string Role, int? ProgramId, int? MemberId, string? Email);

public sealed record AccountChange(string Role, int? ProgramId, int? MemberId);
