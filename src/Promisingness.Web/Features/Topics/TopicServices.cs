namespace Promisingness.Web.Features.Topics;

internal static class TopicServices
{
    public static IServiceCollection AddWikiTopics(this IServiceCollection services) => services
        .AddSingleton<TopicQueries>();
}
