using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Promisingness.Web.Caching;
using Promisingness.Web.Components.Public;

namespace Promisingness.Web.Components;

/// <summary>
/// Maps every [PublicPage] route a second time, for anonymous visitors, as a minimal-API endpoint that
/// renders the whole app statically. A component endpoint emits an antiforgery cookie and no-store
/// headers once the app has interactive render modes, which the output cache refuses to store; this
/// endpoint sets neither, so the cache can serve anonymous pages from memory.
/// </summary>
internal static class PublicPageEndpoints
{
    public static IReadOnlyList<string> Routes { get; } = [.. typeof(PublicPageEndpoints).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<PublicPageAttribute>() is not null)
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
        .Select(r => r.Template)
        .Distinct()];

    /// <summary>The policy that sends an anonymous visitor to these endpoints and a member to the app's own.</summary>
    public static IServiceCollection AddPublicPages(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, AnonymousPageSelector>());
        return services;
    }

    public static void MapPublicPages(this IEndpointRouteBuilder endpoints)
    {
        foreach (var route in Routes)
        {
            endpoints.MapGet(route, () => new RazorComponentResult<App>())
                .CacheOutput(PublicPageCache.PolicyName)
                .WithMetadata(new AnonymousOnlyEndpoint());
        }
    }
}
