using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Promisingness.Web.Security;

/// <summary>Requirements for IAuthorizationService.AuthorizeAsync(user, entryFacts, EntryRequirements.Edit).</summary>
public static class EntryRequirements
{
    public static readonly OperationAuthorizationRequirement Read = For(EntryOperation.Read);
    public static readonly OperationAuthorizationRequirement Create = For(EntryOperation.Create);
    public static readonly OperationAuthorizationRequirement Edit = For(EntryOperation.Edit);
    public static readonly OperationAuthorizationRequirement Comment = For(EntryOperation.Comment);
    public static readonly OperationAuthorizationRequirement ReadComments = For(EntryOperation.ReadComments);
    public static readonly OperationAuthorizationRequirement MakePublic = For(EntryOperation.MakePublic);
    public static readonly OperationAuthorizationRequirement Review = For(EntryOperation.Review);

    private static OperationAuthorizationRequirement For(EntryOperation operation) => new() { Name = operation.ToString() };
}

/// <summary>
/// The ASP.NET Core face of EntryPermissions: resource-based authorization that decides on the user as
/// the database holds them now, not as the (possibly minutes old) cookie or circuit remembers them.
/// </summary>
internal sealed class EntryAuthorizationHandler(WikiUsers users) : AuthorizationHandler<OperationAuthorizationRequirement, EntryAccessFacts>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, EntryAccessFacts resource)
    {
        if (!Enum.TryParse<EntryOperation>(requirement.Name, out var operation))
        {
            return;
        }
        var user = await users.LoadAsync(context.User);
        if (EntryPermissions.Can(user, operation, resource))
        {
            context.Succeed(requirement);
        }
    }
}
