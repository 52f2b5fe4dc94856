namespace Promisingness.Web.Features.Recent;

internal static class RecentServices
{
    public static IServiceCollection AddWikiRecent(this IServiceCollection services) => services
        .AddSingleton<RecentChanges>();
}
