namespace Promisingness.Web.Features.Summaries;

internal static class SummaryServices
{
    public static IServiceCollection AddWikiSummaries(this IServiceCollection services) => services
        .AddSingleton<SummaryFields>()
        .AddSingleton<SummaryPrefill>()
        .AddSingleton<SummaryQueries>();
}
