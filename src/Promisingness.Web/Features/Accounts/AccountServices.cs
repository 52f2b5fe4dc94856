namespace Promisingness.Web.Features.Accounts;

internal static class AccountServices
{
    public static IServiceCollection AddWikiAccounts(this IServiceCollection services) => services
        .AddSingleton<Invitations>()
        .AddSingleton<PasswordResets>();
}
