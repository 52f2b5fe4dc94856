namespace Promisingness.Web.Features.Home;

internal static class HomeServices
{
    public static IServiceCollection AddWikiHome(this IServiceCollection services) => services
        .AddSingleton<HomeQueries>()
        .AddSingleton<DeskQueries>();
}
