namespace Promisingness.Web.Features.Search;

internal static class SearchServices
{
    public static IServiceCollection AddWikiSearch(this IServiceCollection services) => services
        .AddSingleton<SearchService>();
}
