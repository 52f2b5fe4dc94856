using System.Xml.Linq;
using Promisingness.Web.Caching;
using Promisingness.Web.Features.Entries;

namespace Promisingness.Web.Features.Recent;

/// <summary>/feed.atom: the latest public changes, for feed readers. Nothing here is ever non-public.</summary>
public static class AtomFeed
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private const int Count = 50;

    public static void MapAtomFeed(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/feed.atom", async (HttpContext context, RecentChanges recent, CancellationToken cancellationToken) =>
        {
            var changes = await recent.PublicAsync(Count, cancellationToken);
            var site = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/";
            var feed = new XElement(Atom + "feed",
                new XElement(Atom + "title", "Promisingness Wiki: public changes"),
                new XElement(Atom + "id", site + "feed.atom"),
                new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", site + "feed.atom")),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", site)),
                new XElement(Atom + "updated", (changes.FirstOrDefault()?.At ?? DateTimeOffset.UnixEpoch).ToString("o")),
                changes.Select(change => new XElement(Atom + "entry",
                    new XElement(Atom + "title", $"{change.EntryTitle} (revision {change.Number})"),
                    new XElement(Atom + "id", $"{site}entries/{change.Slug}/history#r{change.Number}"),
                    new XElement(Atom + "link", new XAttribute("href", site + (change.DiffUrl ?? change.EntryUrl))),
                    new XElement(Atom + "updated", change.At.ToString("o")),
                    new XElement(Atom + "author", new XElement(Atom + "name", change.Credit)),
                    new XElement(Atom + "summary", change.EditNote.Length > 0 ? change.EditNote : Excerpts.FromHtml(change.BodyHtml)))));
            return Results.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Declaration + "\n" + feed, "application/atom+xml; charset=utf-8");
        }).CacheOutput(PublicPageCache.PolicyName);
}
