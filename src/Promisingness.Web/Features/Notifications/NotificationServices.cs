namespace Promisingness.Web.Features.Notifications;

internal static class NotificationServices
{
    public static IServiceCollection AddWikiNotifications(this IServiceCollection services) => services
        .AddSingleton<Notifier>()
        .AddSingleton<InboxEvents>()
        .AddSingleton<Watchers>()
        .AddSingleton<MailPreferences>()
        .AddSingleton<NotificationMail>()
        .AddSingleton<UnsubscribeTokens>()
        .AddSingleton<DigestSender>()
        .AddHostedService(provider => provider.GetRequiredService<DigestSender>());
}
