using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Entries;

internal static class EntryServices
{
    /// <summary>The core: entries, their revisions, the save path, and the refresh of the HTML stored with them.</summary>
    public static IServiceCollection AddWikiEntries(this IServiceCollection services)
    {
        services.AddSingleton<RevisionRecorder>();
        services.AddSingleton<SaveTurns>();
        services.AddSingleton<EntryEditor>();
        services.AddSingleton<EntryDrafts>();
        services.AddSingleton<SideListQueries>();
        services.AddSingleton<StoredHtmlRefresh>();
        services.AddHostedService(provider => provider.GetRequiredService<StoredHtmlRefresh>());
        return services;
    }
}
