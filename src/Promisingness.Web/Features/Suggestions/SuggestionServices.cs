namespace Promisingness.Web.Features.Suggestions;

internal static class SuggestionServices
{
    public static IServiceCollection AddWikiSuggestions(this IServiceCollection services) => services
        .AddSingleton<SuggestedEdits>().AddSingleton<OpenSuggestions>();
}
