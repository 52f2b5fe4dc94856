using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Promisingness.Web.Security;

/// <summary>
/// Headers every response carries: a Content-Security-Policy that lets no inline script run, and the
/// usual clickjacking, sniffing and referrer protections. Set when the response starts, so pages, error
/// pages re-executed after an exception, cached pages, feeds and static files all get them.
/// </summary>
internal static class SecurityHeaders
{
    // Inline scripts run only when their hash is listed: Blazor's import map is the one inline script
    // (ImportMap renders the ImportMapDefinition of the endpoint, whose ToString is that JSON); markup a user could inject
    // has no hash. MudBlazor sets inline styles, and inline styles cannot run script.
    private const string Policy =
        "default-src 'self'; " +
        "script-src 'self'{0}; " +
        "style-src 'self' 'unsafe-inline'; " +
        // Entries may show images from the web; data: images are CSS icons and cannot run script.
        "img-src 'self' data: https:; " +
        "font-src 'self' data:; " +
        // 'self' covers the circuit's WebSocket to the same host.
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    private static readonly string PolicyWithoutImportMap = string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, "");
    private static readonly ConditionalWeakTable<ImportMapDefinition, string> PolicyByImportMap = [];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state => Apply((HttpContext)state), context);
        return next(context);
    });

    /// <summary>The policy for a response of this endpoint: the page's import map is the only inline script allowed.</summary>
    public static string ContentSecurityPolicyFor(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<ImportMapDefinition>() is { } importMap
            ? PolicyByImportMap.GetValue(importMap, static map => string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, $" '{HashOf(map.ToString())}'"))
            : PolicyWithoutImportMap;

    /// <summary>The CSP source for an inline script with exactly this text.</summary>
    public static string HashOf(string inlineScript) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inlineScript)));

    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicyFor(context.GetEndpoint());
        headers.XContentTypeOptions = "nosniff";
        // For browsers older than frame-ancestors.
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        return Task.CompletedTask;
    }
}
