using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Admin;

internal static class AdminServices
{
    public static IServiceCollection AddWikiAdmin(this IServiceCollection services) => services
        .AddSingleton<Audit>()
        .AddSingleton<AuditLog>()
        .AddSingleton<UserAdministration>();
}
