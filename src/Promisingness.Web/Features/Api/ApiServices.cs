namespace Promisingness.Web.Features.Api;

internal static class ApiServices
{
    /// <summary>Personal access tokens.</summary>
    public static IServiceCollection AddWikiApi(this IServiceCollection services) => services
        .AddSingleton<AccessTokens>();
}
