using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Promisingness.Web.Caching;

internal static class PublicPageCacheServices
{
    /// <summary>The output cache of anonymous pages, its policy, and what evicts it.</summary>
    public static void AddPublicPageCache(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Caching:Disabled is the benchmark's cache-miss arm (bench/): every anonymous page renders afresh.
        var cacheDisabled = builder.Configuration.GetValue<bool>("Caching:Disabled");
        services.AddOutputCache(options => options.AddPolicy(PublicPageCache.PolicyName, policy =>
        {
            if (cacheDisabled)
            {
                policy.NoCache();
            }
            else
            {
                // No request coalescing: a request waiting on another one in flight would be served that response,
                // which may have been rendered from the text before a save that has since returned.
                policy.Tag(PublicPageCache.Tag).Expire(TimeSpan.FromMinutes(10)).SetLocking(false).AddPolicy<GenerationPolicy>().AddPolicy<EnhancedNavigationHeader>();
            }
        }));
        services.AddHttpContextAccessor();
        // The framework has no way to wrap its store: AddOutputCache registers an internal type (MemoryOutputCacheStore)
        // through a factory, so the store it registered is replaced by one that wraps whatever that one makes.
        var defaultStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Replace(ServiceDescriptor.Singleton<IOutputCacheStore>(provider => new GenerationCheckedStore(
            (IOutputCacheStore)(defaultStore.ImplementationFactory?.Invoke(provider) ?? defaultStore.ImplementationInstance
                ?? ActivatorUtilities.CreateInstance(provider, defaultStore.ImplementationType!)),
            provider.GetRequiredService<IHttpContextAccessor>())));
        services.AddSingleton<PublicPageCache>();
        services.AddHostedService<ContentChangeWatcher>();
    }
}
