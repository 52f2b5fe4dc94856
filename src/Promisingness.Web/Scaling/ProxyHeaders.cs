using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Promisingness.Web.Scaling;

/// <summary>
/// Behind a reverse proxy the connection comes from the proxy: the client's address (which the sign-in
/// rate limit counts by) and scheme (which cookies and redirects depend on) arrive in X-Forwarded-For and
/// X-Forwarded-Proto. Those headers are honoured only from the addresses in
/// <c>ForwardedHeaders:KnownProxies</c> (comma-separated); anyone else could write them to pose as
/// another address. Unset, they are ignored, as before.
/// </summary>
internal static class ProxyHeaders
{
    private const string Setting = "ForwardedHeaders:KnownProxies";

    public static void AddForwardedHeadersFromProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Proxies(configuration);
        if (proxies.Length == 0)
        {
            return;
        }
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Not loopback by default: only the proxies named.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
    }

    public static void UseForwardedHeadersFromProxies(this WebApplication app)
    {
        if (Proxies(app.Configuration).Length > 0)
        {
            app.UseForwardedHeaders();
        }
    }

    private static IPAddress[] Proxies(IConfiguration configuration) =>
        [.. (configuration[Setting] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(text => IPAddress.TryParse(text, out var address)
                ? address
                : throw new InvalidOperationException($"{Setting}: '{text}' is not an IP address."))];
}
