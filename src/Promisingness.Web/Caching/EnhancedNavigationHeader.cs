using Microsoft.AspNetCore.OutputCaching;

namespace Promisingness.Web.Caching;

/// <summary>
/// Gives a page served from the output cache the <c>blazor-enhanced-nav: allow</c> header exactly as the framework
/// wrote it. The cache's serializer stores header values it knows through a shared string table and hands "allow"
/// back as "Allow" (the name of the HTTP Allow header); blazor.web.js compares the value case-sensitively and, on any
/// other value, falls back to a full page load that asks for the page a second time.
/// </summary>
internal sealed class EnhancedNavigationHeader : IOutputCachePolicy
{
    public const string Name = "blazor-enhanced-nav";
    public const string Allow = "allow";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        response.OnStarting(() =>
        {
            if (string.Equals(response.Headers[Name], Allow, StringComparison.OrdinalIgnoreCase))
            {
                response.Headers[Name] = Allow;
            }
            return Task.CompletedTask;
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
