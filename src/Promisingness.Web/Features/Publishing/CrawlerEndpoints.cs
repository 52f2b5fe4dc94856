using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Caching;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Publishing;

/// <summary>/sitemap.xml (every public page) and /robots.txt (keep crawlers out of what only members use).</summary>
public static class CrawlerEndpoints
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly string[] Lists = ["", "topics", "questions", "team", "summaries", "recent", "tags"];

    public static void MapCrawlerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sitemap.xml", async (HttpContext context, IDbContextFactory<WikiDbContext> dbFactory, CancellationToken cancellationToken) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var entries = await db.Entries.ReadableBy(null).AsNoTracking().Where(e => e.Status == EntryStatus.Active)
                .OrderBy(e => e.Kind).ThenBy(e => e.Position).Select(e => new { e.Kind, e.Slug, e.UpdatedAt }).ToListAsync(cancellationToken);
            var members = await db.Members.AsNoTracking().OrderBy(m => m.Position).Select(m => m.Slug).ToListAsync(cancellationToken);
            var site = SiteOf(context);
            var urls = Lists.Select(path => Url(site + path, null))
                .Concat(entries.Where(e => e.Slug != Entry.HomeSlug).Select(e => Url(site + EntryUrls.For(e.Kind, e.Slug), e.UpdatedAt)))
                .Concat(members.Select(slug => Url(site + EntryUrls.Member(slug), null)));
            var document = new XElement(Sitemap + "urlset", urls);
            return Results.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + document, "application/xml; charset=utf-8");
        }).CacheOutput(PublicPageCache.PolicyName);

        endpoints.MapGet("/robots.txt", (HttpContext context) => Results.Text(
            $"""
            User-agent: *
            Disallow: /Account/
            Disallow: /admin/
            Disallow: /new/
            Disallow: /inbox
            Disallow: /review
            Disallow: /entries/*/edit
            Allow: /

            Sitemap: {SiteOf(context)}sitemap.xml

            """, "text/plain; charset=utf-8")).CacheOutput(PublicPageCache.PolicyName);
    }

    private static XElement Url(string location, DateTimeOffset? modified) => new(Sitemap + "url",
        new XElement(Sitemap + "loc", location),
        modified is { } at ? new XElement(Sitemap + "lastmod", at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) : null);

    private static string SiteOf(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/";
}
