namespace Promisingness.Web.Markdown;

internal static class MarkdownServices
{
    public static IServiceCollection AddWikiMarkdown(this IServiceCollection services) => services
        .AddSingleton<MarkdownRenderer>();
}
