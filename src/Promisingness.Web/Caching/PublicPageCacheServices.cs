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
                policy.Tag(PublicPageCache.Tag).Expire(TimeSpan.FromMinutes(10)).SetLocking(false).AddPolicy<RequestStartPolicy>().AddPolicy<EnhancedNavigationHeader>();
            }
        }));
        // Replaces the store AddOutputCache registered (MemoryOutputCacheStore): see TaggedPageStore.
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Singleton<IOutputCacheStore, TaggedPageStore>());
        services.AddSingleton<PublicPageCache>();
        services.AddHostedService<ContentChangeWatcher>();
    }
}
