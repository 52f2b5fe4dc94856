using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Markdown;

namespace Promisingness.Web.Features.Entries;

/// <summary>The sizes of the uploaded images a text shows, measured when they were uploaded, by content hash.</summary>
internal static class ImageSizeIndex
{
    /// <summary>What <see cref="MarkdownRenderer.ParsedText.ToSafeHtml"/> asks for each image: null when there are none to ask about.</summary>
    public static Func<string, ImageSize?>? For(WikiDbContext db, IEnumerable<string> hashes)
    {
        var wanted = hashes.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return null;
        }
        // The same bytes are the same image wherever they were uploaded: any row's size will do.
        var sizes = db.Attachments.AsNoTracking()
            .Where(a => wanted.Contains(a.BlobHash) && a.Width != null && a.Height != null)
            .Select(a => new { a.BlobHash, Width = a.Width!.Value, Height = a.Height!.Value })
            .ToList()
            .DistinctBy(a => a.BlobHash)
            .ToDictionary(a => a.BlobHash, a => new ImageSize(a.Width, a.Height));
        return hash => sizes.TryGetValue(hash, out var size) ? size : null;
    }
}

/// <summary>A text rendered as the wiki stores it: [[links]] resolved against the entries, uploaded images sized.</summary>
internal static class ResolvedRendering
{
    public static string ToSafeHtml(this MarkdownRenderer.ParsedText text, WikiDbContext db) =>
        text.WikiLinkTargets.Count == 0 && text.AttachedImages.Count == 0
            ? text.ToSafeHtml()
            : text.ToSafeHtml(WikiLinkIndex.For(db, text.WikiLinkTargets).Resolve, ImageSizeIndex.For(db, text.AttachedImages));
}
