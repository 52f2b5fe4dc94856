using Promisingness.Web.Data;

namespace Promisingness.Web.Features.ImportExport;

/// <summary>
/// Pairs the sections of an incoming README with the entries that already hold them: first by an exact
/// key (the same title), then, among what is left, by the most similar content, so that a reworded
/// heading over mostly the same text is recognised as a rename rather than a new entry.
/// </summary>
internal static class EntryMatcher
{
    public static Entry?[] Match<T>(
        IReadOnlyList<T> incoming,
        IReadOnlyList<Entry> existing,
        Func<T, Entry, bool> sameKey,
        Func<T, Entry, double> similarity,
        double threshold)
    {
        var matches = new Entry?[incoming.Count];
        var taken = new HashSet<Entry>();
        for (var i = 0; i < incoming.Count; i++)
        {
            var exact = existing.FirstOrDefault(e => !taken.Contains(e) && sameKey(incoming[i], e));
            if (exact is not null)
            {
                matches[i] = exact;
                taken.Add(exact);
            }
        }

        var candidates =
            from i in Enumerable.Range(0, incoming.Count)
            where matches[i] is null
            from e in existing
            where !taken.Contains(e)
            let score = similarity(incoming[i], e)
            where score >= threshold
            orderby score descending
            select (Index: i, Entry: e);
        foreach (var (index, entry) in candidates.ToList())
        {
            if (matches[index] is null && taken.Add(entry))
            {
                matches[index] = entry;
            }
        }
        return matches;
    }
}
