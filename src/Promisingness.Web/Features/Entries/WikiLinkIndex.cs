using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Markdown;

namespace Promisingness.Web.Features.Entries;

/// <summary>
/// Resolves the [[wiki links]] of a text against the entries that exist: by slug or by title (which
/// makes the same slug), following renames. Entries added in the same unit of work count too.
/// </summary>
internal sealed class WikiLinkIndex
{
    private readonly Dictionary<string, WikiLinkTarget> targets = new(StringComparer.Ordinal);

    private WikiLinkIndex()
    {
    }

    public static WikiLinkIndex For(WikiDbContext db, IEnumerable<string> linkTargets)
    {
        var index = new WikiLinkIndex();
        var slugs = linkTargets.Select(t => Slugs.From(t)).Distinct().ToList();
        if (slugs.Count == 0)
        {
            return index;
        }
        var tracked = db.ChangeTracker.Entries<Entry>().Select(e => e.Entity).Where(e => slugs.Contains(e.Slug));
        var stored = db.Entries.AsNoTracking().Where(e => slugs.Contains(e.Slug)).Select(e => new { e.Slug, e.Kind }).ToList();
        foreach (var entry in stored.Select(e => (e.Slug, e.Kind)).Concat(tracked.Select(e => (e.Slug, e.Kind))))
        {
            index.targets[entry.Slug] = new WikiLinkTarget(EntryUrls.For(entry.Kind, entry.Slug));
        }
        var renamed = db.SlugRedirects.AsNoTracking().Where(r => slugs.Contains(r.Slug))
            .Select(r => new { r.Slug, Current = r.Entry!.Slug, r.Entry.Kind }).ToList();
        foreach (var redirect in renamed.Where(r => !index.targets.ContainsKey(r.Slug)))
        {
            index.targets[redirect.Slug] = new WikiLinkTarget(EntryUrls.For(redirect.Kind, redirect.Current));
        }
        return index;
    }

    public WikiLinkTarget? Resolve(string target) => targets.GetValueOrDefault(Slugs.From(target));
}
