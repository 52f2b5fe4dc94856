using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;

namespace Promisingness.Web.Features.Api;

internal static class ApiServices
{
    /// <summary>Who may call /api/v1: anyone without a token (as an anonymous visitor), and a token only if it is good.</summary>
    public const string CallerPolicy = "ApiCaller";

    /// <summary>Who may write through /api/v1: a token's member only, so a form posted from another site is refused before its body is read.</summary>
    public const string WriterPolicy = "ApiWriter";

    /// <summary>Personal access tokens, their authentication, the API's rate limit, JSON form and OpenAPI document.</summary>
    public static IServiceCollection AddWikiApi(this IServiceCollection services)
    {
        services.AddSingleton<AccessTokens>().AddSingleton<MachineAccess>().AddSingleton<ApiQueries>().AddSingleton<SuggestionQueries>().AddSingleton<EntryWrites>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, configureOptions: null);
        // Naming the scheme makes authorization replace the cookie's user with the token's, or with nobody.
        services.AddAuthorizationBuilder().AddPolicy(CallerPolicy, policy => policy
            .AddAuthenticationSchemes(TokenAuthentication.SchemeName)
            .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true
                || (context.Resource is HttpContext http && TokenAuthentication.Bearer(http.Request) is null)))
            .AddPolicy(WriterPolicy, policy => policy.AddAuthenticationSchemes(TokenAuthentication.SchemeName).RequireAuthenticatedUser());
        services.Configure<RateLimiterOptions>(options => options.AddPolicy<string, ApiRateLimit>(ApiRateLimit.Policy));
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddOpenApi(options => options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        return services;
    }
}
