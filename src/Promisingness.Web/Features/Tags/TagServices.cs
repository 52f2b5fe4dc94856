namespace Promisingness.Web.Features.Tags;

internal static class TagServices
{
    public static IServiceCollection AddWikiTags(this IServiceCollection services) => services
        .AddSingleton<TagQueries>();
}
