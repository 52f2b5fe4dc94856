namespace Promisingness.Web.Features.Credences;

internal static class CredenceServices
{
    public static IServiceCollection AddWikiCredences(this IServiceCollection services) => services
        .AddSingleton<CredenceBook>();
}
