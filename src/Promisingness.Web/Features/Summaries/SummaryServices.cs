using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Summaries;

internal static class SummaryServices
{
    public static IServiceCollection AddWikiSummaries(this IServiceCollection services) => services
        .AddEntryKind<SummaryFields>()
        .AddSingleton<SummaryPrefill>()
        .AddSingleton<SummaryQueries>();
}
