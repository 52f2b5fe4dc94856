using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Entries;

internal static class EntryServices
{
    /// <summary>The core: entries, their revisions and the save path (each kind adds its fields with AddEntryKind).</summary>
    public static IServiceCollection AddWikiEntries(this IServiceCollection services)
    {
        services.AddSingleton<RevisionRecorder>();
        services.AddSingleton<SaveTurns>();
        services.AddSingleton<EntryEditor>();
        services.AddSingleton<EntryDrafts>();
        services.AddSingleton<EditableKinds>();
        services.AddSingleton<SideListQueries>();
        services.AddSingleton<TopicChoices>();
        services.AddSingleton<TeamDirectory>();
        return services;
    }
}
