using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Pages;

internal static class PageServices
{
    public static IServiceCollection AddWikiPages(this IServiceCollection services) => services
        .AddEntryKind<PageFields>()
        .AddSingleton<PageQueries>();
}
