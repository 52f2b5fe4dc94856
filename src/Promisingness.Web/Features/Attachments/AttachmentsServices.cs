namespace Promisingness.Web.Features.Attachments;

internal static class AttachmentsServices
{
    public static IServiceCollection AddWikiAttachments(this IServiceCollection services) => services
        .AddSingleton(provider => AttachmentSettings.From(provider.GetRequiredService<IConfiguration>()))
        .AddSingleton<AttachmentStore>()
        .AddSingleton<AttachmentHousekeeping>();
}
