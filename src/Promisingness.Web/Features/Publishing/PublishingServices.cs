namespace Promisingness.Web.Features.Publishing;

internal static class PublishingServices
{
    /// <summary>A publish reads the wiki's own pages over HTTP (as the export verb does), hence the client factory.</summary>
    public static IServiceCollection AddWikiPublishing(this IServiceCollection services) => services
        .AddSingleton<SiteExporter>()
        .AddSingleton<PublishJobs>()
        .AddHttpClient();
}
