using Microsoft.AspNetCore.OutputCaching;

namespace Promisingness.Web.Caching;

/// <summary>
/// The output cache of anonymous pages. Every public page carries one tag, and any change to content
/// evicts it: pages show lists of topics, people and activity, so almost every change touches most pages.
/// </summary>
public sealed class PublicPageCache(IOutputCacheStore store)
{
    public const string PolicyName = "public-page";
    public const string Tag = "wiki";

    public ValueTask EvictAsync(CancellationToken cancellationToken = default) => store.EvictByTagAsync(Tag, cancellationToken);
}
