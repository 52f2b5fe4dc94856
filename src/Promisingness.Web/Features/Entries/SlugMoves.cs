using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries;

internal static class SlugMoves
{
    /// <summary>
    /// Gives an entry a new title. A new title moves the slug and leaves the old one as a redirect, so
    /// links made before the rename keep working; renamed back, the entry takes its old slug again.
    /// takenSlugs holds every slug in use (entries and redirects) that the new title could take, and is kept up to
    /// date here; redirects holds at least the redirects of those slugs.
    /// </summary>
    public static void Retitle(WikiDbContext db, Entry entry, string title, ISet<string> takenSlugs, List<SlugRedirect> redirects)
    {
        if (entry.Title == title && entry.Slug.Length > 0)
        {
            return;
        }
        entry.Title = title;
        var wanted = Slugs.From(title);
        if (entry.Slug == wanted)
        {
            return;
        }
        var back = redirects.FirstOrDefault(r => r.Slug == wanted && (r.Entry == entry || (r.EntryId == entry.Id && entry.Id != 0)));
        if (back is not null)
        {
            redirects.Remove(back);
            db.SlugRedirects.Remove(back);
            takenSlugs.Remove(wanted);
        }
        var slug = Slugs.Unique(wanted, takenSlugs.Contains);
        if (entry.Slug.Length > 0)
        {
            var redirect = new SlugRedirect { Slug = entry.Slug, Entry = entry };
            redirects.Add(redirect);
            db.SlugRedirects.Add(redirect);
        }
        entry.Slug = slug;
        takenSlugs.Add(slug);
    }
}
