using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Scaling;

namespace Promisingness.Web.Caching;

/// <summary>
/// The output cache of anonymous pages. Every public page carries <see cref="Tag"/>, which a change that may touch
/// any page evicts (an import, a discussion, a credence, a weekly summary). A page of one entry (a topic, question
/// or free page) also carries that entry's tag, by slug; every other page (home, the lists, feeds, search, recent,
/// history, people, tags) carries <see cref="ListingTag"/>, which every change to content evicts. A save of an
/// entry evicts the listings and the pages of the entries it touches (<see cref="TagsChangedByAsync"/>), so readers
/// of the other entries keep their cached pages while someone writes. The tags a save evicts are these, known as
/// a request starts (see <see cref="TaggedPageStore.NoteRequestStart"/> for why), not tags added while rendering.
/// Each instance caches in its own memory; a change evicts on every instance (see docs/SCALING.md).
/// </summary>
public sealed class PublicPageCache
{
    public const string PolicyName = "public-page";
    public const string Tag = "wiki";
    public const string ListingTag = "wiki-listing";
    private const string EntryTagPrefix = "wiki-entry:";
    private const string EvictTopic = "evict-public-page-tags";

    // Where these kinds' text appears: their own page, and listings (excerpts, activity, feeds, search). A summary's
    // text also shows on its topic's page, a meeting's nowhere public.
    private static readonly EntryKind[] KindsWithAPageOfTheirOwn = [EntryKind.Topic, EntryKind.Question, EntryKind.Page];

    private readonly IOutputCacheStore store;
    private readonly OtherInstances others;

    // Activities whose eviction was done when they were written, so that the ContentChangeWatcher, which sees
    // every new activity, does not evict every page for them a second later.
    private readonly ConcurrentDictionary<long, bool> evictedFor = new();

    public PublicPageCache(IOutputCacheStore store, OtherInstances others)
    {
        this.store = store;
        this.others = others;
        others.On<Eviction>(EvictTopic, eviction => EvictHereAsync(eviction).AsTask());
    }

    /// <summary>What one instance tells the others to evict, and for which activities.</summary>
    private sealed record Eviction(string[] Tags, long[] Activities);

    /// <summary>
    /// Evicts every page here and on every other instance, and returns once they all have: a save answered after
    /// this is never followed by the old page, whichever instance the reader reaches. An instance that does not
    /// answer in time is left to its <see cref="ContentChangeWatcher"/>, which evicts within about a second.
    /// </summary>
    public ValueTask EvictAsync(CancellationToken cancellationToken = default) => EvictAsync([Tag], [], cancellationToken: cancellationToken);

    /// <summary>
    /// The same, for the pages that carry one of <paramref name="tags"/>, after a write that recorded <paramref name="activities"/>.
    /// <paramref name="hereDone"/> runs once this instance's pages are evicted, before waiting for the others (a save
    /// gives back its turn there: an instance that does not answer holds it up for seconds).
    /// </summary>
    public async ValueTask EvictAsync(string[] tags, long[] activities, Action? hereDone = null, CancellationToken cancellationToken = default)
    {
        var eviction = new Eviction(tags, activities);
        await EvictHereAsync(eviction, cancellationToken);
        hereDone?.Invoke();
        await others.TellAndWaitAsync(EvictTopic, eviction, cancellationToken);
    }

    /// <summary>Evicts this instance's pages only, for a change every instance notices by itself.</summary>
    public ValueTask EvictHereAsync(CancellationToken cancellationToken = default) => EvictHereAsync(new Eviction([Tag], []), cancellationToken);

    private async ValueTask EvictHereAsync(Eviction eviction, CancellationToken cancellationToken = default)
    {
        foreach (var tag in eviction.Tags)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }
        foreach (var activity in eviction.Activities)
        {
            evictedFor[activity] = true;
        }
    }

    /// <summary>
    /// For the <see cref="ContentChangeWatcher"/>: whether each of these new activities had its pages evicted when
    /// it was written. Forgets them, and any older ones, either way.
    /// </summary>
    internal bool WereEvictedFor(IReadOnlyCollection<long> activities)
    {
        var all = activities.All(evictedFor.ContainsKey);
        var last = activities.Count == 0 ? 0 : activities.Max();
        foreach (var id in evictedFor.Keys.Where(id => id <= last))
        {
            evictedFor.TryRemove(id, out _);
        }
        return all;
    }

    /// <summary>
    /// The tags a save of <paramref name="entry"/> must evict; call it before SaveChanges, while the tracker still
    /// knows what the save changed. An entry's page shows, besides the entry itself, only what other entries'
    /// relations to it bring: the entries linking to it (backlinks), for a topic its questions, for a question its
    /// topics. So a save evicts the listings, its own page (at its old and new address), the pages of the entries
    /// whose stored text it rendered again (those that linked to its new address and wait no more), the pages of
    /// the links it added or removed, and when more than its text changed (its title, address, visibility, fields,
    /// or it is new) the pages at the other end of all its relations, where its title and presence show.
    /// Weekly summaries and meetings, whose pages are listings and whose fields show on topic pages, evict everything.
    /// </summary>
    public static async Task<string[]> TagsChangedByAsync(WikiDbContext db, Entry entry, string? before, string? oldSlug, CancellationToken cancellationToken = default)
    {
        if (!KindsWithAPageOfTheirOwn.Contains(entry.Kind))
        {
            return [Tag];
        }
        var onlyItsText = before is not null && RevisionRecorder.DiffersOnlyIn(nameof(Entry.BodyMarkdown), before, RevisionRecorder.Snapshot(entry));
        var pages = new HashSet<string>(StringComparer.Ordinal) { entry.Slug };
        if (oldSlug is not null)
        {
            pages.Add(oldSlug);
        }
        // The tracker is read three times below; each read would look for changes in every tracked row again.
        db.ChangeTracker.DetectChanges();
        var tracked = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await PagesTouchedAsync(db, entry, onlyItsText, pages, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = tracked;
        }
    }

    private static async Task<string[]> PagesTouchedAsync(WikiDbContext db, Entry entry, bool onlyItsText, HashSet<string> pages, CancellationToken cancellationToken)
    {
        pages.UnionWith(db.ChangeTracker.Entries<Entry>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity.Slug));

        var links = db.ChangeTracker.Entries<EntryLink>()
            .Where(l => l.State is EntityState.Added or EntityState.Deleted || (!onlyItsText && (l.Entity.From == entry || l.Entity.FromEntryId == entry.Id)))
            .Select(l => l.Entity.ToSlug).Distinct().ToList();
        pages.UnionWith(links);
        if (links.Count > 0)
        {
            // A link to an old address shows on the page of the entry that answers there now.
            pages.UnionWith(await db.SlugRedirects.Where(r => links.Contains(r.Slug)).Select(r => r.Entry!.Slug).ToListAsync(cancellationToken));
        }
        if (!onlyItsText)
        {
            var topics = db.ChangeTracker.Entries<QuestionTopic>().Where(q => q.Entity.Question == entry || q.Entity.QuestionId == entry.Id)
                .Select(q => q.Entity.TopicId).Distinct().ToList();
            if (topics.Count > 0)
            {
                pages.UnionWith(await db.Entries.Where(e => topics.Contains(e.Id)).Select(e => e.Slug).ToListAsync(cancellationToken));
            }
            if (entry.Kind == EntryKind.Topic && entry.Id != 0)
            {
                pages.UnionWith(await db.QuestionTopics.Where(q => q.TopicId == entry.Id).Select(q => q.Question!.Slug).ToListAsync(cancellationToken));
            }
        }
        return [ListingTag, .. pages.Select(EntryTag).Distinct()];
    }

    /// <summary>The second tag of a page being rendered: its entry's, or <see cref="ListingTag"/>.</summary>
    public static string PageTag(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } && context.GetRouteValue("Slug") is string slug)
        {
            foreach (var kind in KindsWithAPageOfTheirOwn)
            {
                if (route.Trim('/') == EntryUrls.For(kind, "{Slug}"))
                {
                    return EntryTag(slug);
                }
            }
        }
        return ListingTag;
    }

    // Lower case: the router matches /topics/Goal to the same page as /topics/goal.
    // By slug alone, which is unique across kinds: a link names a slug, not a kind.
    private static string EntryTag(string slug) => EntryTagPrefix + slug.ToLowerInvariant();
}
