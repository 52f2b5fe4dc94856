using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries;

/// <summary>Where each kind of entry lives, relative to the site's base.</summary>
public static class EntryUrls
{
    public static string For(EntryKind kind, string slug) => kind switch
    {
        EntryKind.Page when slug == Entry.HomeSlug => "./",
        EntryKind.Page => $"pages/{slug}",
        EntryKind.Topic => $"topics/{slug}",
        EntryKind.Question => $"questions/{slug}",
        EntryKind.Meeting => $"meetings/{slug}",
        _ => $"summaries/{slug}",
    };

    public static string Member(string slug) => $"team/{slug}";
}
