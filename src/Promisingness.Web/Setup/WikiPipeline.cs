using Microsoft.AspNetCore.Http.Features;
using Promisingness.Web.Components;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Api;
using Promisingness.Web.Features.Attachments;
using Promisingness.Web.Features.Backup;
using Promisingness.Web.Features.Mcp;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Features.Publishing;
using Promisingness.Web.Features.Recent;
using Promisingness.Web.Scaling;
using Promisingness.Web.Security;

namespace Promisingness.Web.Setup;

internal static class WikiPipeline
{
    public static void UseWikiPipeline(this WebApplication app)
    {
        // Before anything reads the client's address or scheme.
        app.UseForwardedHeadersFromProxies();
        // First after that, so that every response (error pages and cached pages included) carries the headers.
        app.UseSecurityHeaders();
        app.UseHeadAsGet();
        // The audit log's "from where": a member's live page runs inside its connection's request, so this covers it too.
        app.Use(async (context, next) =>
        {
            using (ActionOrigin.Use(ClientAddress(context)))
            {
                await next(context);
            }
        });
        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesForReadsAndPosts();

        // Authentication runs before routing because the endpoint chosen for a page depends on
        // whether the visitor is signed in (see AnonymousPageSelector).
        app.UseAuthentication();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseOutputCache();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapPublicPages();
        app.MapAtomFeed();
        app.MapCrawlerEndpoints();
        app.MapPublishDownloads();
        app.MapHealthChecks("/healthz");
        app.MapBackupDownload();
        app.MapWikiApi();
        app.MapWikiMcp();
        app.MapWikiAttachments();
        app.MapUnsubscribe();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
    }

    /// <summary>
    /// A page that is not there gets the wiki's not-found page. A refused post (a forged or expired form)
    /// gets a sentence instead: re-executing it as a post would run its antiforgery check a second time.
    /// </summary>
    /// <summary>
    /// Pages are component endpoints, which answer GET only; uptime checks, link checkers and some crawlers ask
    /// with HEAD and got 405. A HEAD is answered as the GET would be: Kestrel decides from the method the request
    /// arrived with that a HEAD response carries no body.
    /// </summary>
    private static void UseHeadAsGet(this WebApplication app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Request.Method = HttpMethods.Get;
        }
        return next(context);
    });

    private static void UseStatusCodePagesForReadsAndPosts(this WebApplication app)
    {
        app.UseWhen(IsRead, reads => reads.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Not UseStatusCodePages: it stays silent once a Content-Type is set, as a component endpoint does.
        // An upload answers for itself: its limit is the attachments' (AttachmentEndpoints), not the forms'.
        app.UseWhen(context => !IsRead(context) && !AttachmentEndpoints.IsUpload(context.Request.Path), writes => writes.Use(async (context, next) =>
        {
            // Refused before anything reads the body: the antiforgery check would read it first and report
            // Kestrel's 413 as a bad token.
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? RequestLimits.MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            }
            else
            {
                await next(context);
            }
            if (!context.Response.HasStarted && RefusedPost(context.Response.StatusCode) is { } message)
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(message);
            }
        }));
    }

    private static string? RefusedPost(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "This form has expired or did not come from this site. Go back, reload the page and try again.",
        StatusCodes.Status413PayloadTooLarge => $"This request is too large: the wiki accepts at most {RequestLimits.MaxRequestBodyBytes / (1024 * 1024)} MB. Nothing was saved.",
        _ => null,
    };

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown address",
        { IsIPv4MappedToIPv6: true } address => address.MapToIPv4().ToString(),
        var address => address.ToString(),
    };

    private static bool IsRead(HttpContext context) => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
}
