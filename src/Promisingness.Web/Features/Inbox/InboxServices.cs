namespace Promisingness.Web.Features.Inbox;

internal static class InboxServices
{
    public static IServiceCollection AddWikiInbox(this IServiceCollection services) => services
        .AddSingleton<InboxQueries>();
}
