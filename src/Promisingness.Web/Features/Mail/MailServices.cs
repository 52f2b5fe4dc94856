using Microsoft.AspNetCore.Identity;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Mail;

internal static class MailServices
{
    /// <summary>The outbox, its sender, and Identity's mail going through them (the template's no-op sender is gone).</summary>
    public static IServiceCollection AddWikiMail(this IServiceCollection services) => services
        .AddSingleton(provider => MailSettings.Read(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IHostEnvironment>()))
        .AddSingleton<WikiMail>()
        .AddSingleton<MailOutbox>()
        .AddSingleton<IEmailSender<ApplicationUser>, IdentityMail>()
        .AddSingleton<OutboxSender>()
        .AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
}
