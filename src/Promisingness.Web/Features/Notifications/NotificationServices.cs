namespace Promisingness.Web.Features.Notifications;

internal static class NotificationServices
{
    public static IServiceCollection AddWikiNotifications(this IServiceCollection services) => services
        .AddSingleton<Notifier>()
        .AddSingleton<InboxEvents>()
        .AddSingleton<Watchers>();
}
