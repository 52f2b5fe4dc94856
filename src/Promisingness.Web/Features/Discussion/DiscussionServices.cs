namespace Promisingness.Web.Features.Discussion;

internal static class DiscussionServices
{
    public static IServiceCollection AddWikiDiscussion(this IServiceCollection services) => services
        .AddSingleton<Discussions>()
        .AddSingleton<DiscussionEvents>();
}
