using Promisingness.Web.Components;
using Promisingness.Web.Components.Public;
using Promisingness.Web.Features.Backup;
using Promisingness.Web.Features.Publishing;
using Promisingness.Web.Features.Recent;
using Promisingness.Web.Security;

namespace Promisingness.Web.Setup;

internal static class WikiPipeline
{
    public static void UseWikiPipeline(this WebApplication app)
    {
        // First, so that every response (error pages and cached pages included) carries the headers.
        app.UseSecurityHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

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
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
    }
}
