namespace Promisingness.Web.Features.Rendering;

internal static class RenderingServices
{
    /// <summary>The refresh of the HTML stored with entries and comments when the renderer changes (a hosted service).</summary>
    public static IServiceCollection AddWikiRendering(this IServiceCollection services)
    {
        services.AddSingleton<StoredHtmlRefresh>();
        services.AddHostedService(provider => provider.GetRequiredService<StoredHtmlRefresh>());
        return services;
    }
}
