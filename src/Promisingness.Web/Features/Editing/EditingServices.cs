using Promisingness.Web.Features.Entries;

namespace Promisingness.Web.Features.Editing;

internal static class EditingServices
{
    public static IServiceCollection AddWikiEditing(this IServiceCollection services) => services
        .AddSingleton<EditingPresence>()
        .AddSingleton<EntryHistory>();
}
