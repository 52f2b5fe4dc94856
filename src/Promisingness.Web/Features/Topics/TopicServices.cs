using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Topics;

internal static class TopicServices
{
    public static IServiceCollection AddWikiTopics(this IServiceCollection services) => services
        .AddEntryKind<TopicFields>()
        .AddSingleton<TopicQueries>();
}
