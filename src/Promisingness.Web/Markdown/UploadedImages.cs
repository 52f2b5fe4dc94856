using System.Globalization;
using System.Text.RegularExpressions;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Promisingness.Web.Markdown;

/// <summary>An uploaded image's size in pixels, written on its &lt;img&gt; so that the page reserves its space before it loads.</summary>
public readonly record struct ImageSize(int Width, int Height);

/// <summary>
/// The images of a text that are files uploaded to the wiki (/files/{sha-256}/{name}): their sizes are known, since
/// uploads are decoded and measured, and are added to the &lt;img&gt; as width and height (the page's CSS scales them
/// down, keeping their proportions).
/// </summary>
internal static partial class UploadedImages
{
    [GeneratedRegex("^/files/([0-9a-f]{64})/", RegexOptions.CultureInvariant)]
    private static partial Regex FileAddress();

    /// <summary>The content hashes of the uploaded images in <paramref name="document"/>.</summary>
    public static IReadOnlyList<string> In(MarkdownDocument? document) =>
        document is null ? [] : [.. Images(document).Select(image => HashOf(image.Url)).OfType<string>().Distinct()];

    /// <summary>Adds the known sizes to the images; call before the document is rendered.</summary>
    public static void Size(MarkdownDocument document, Func<string, ImageSize?> sizeOf)
    {
        foreach (var image in Images(document))
        {
            if (HashOf(image.Url) is { } hash && sizeOf(hash) is { } size)
            {
                var attributes = image.GetAttributes();
                attributes.AddPropertyIfNotExist("width", size.Width.ToString(CultureInfo.InvariantCulture));
                attributes.AddPropertyIfNotExist("height", size.Height.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static IEnumerable<LinkInline> Images(MarkdownDocument document) => document.Descendants<LinkInline>().Where(link => link.IsImage);

    private static string? HashOf(string? url) => url is not null && FileAddress().Match(url) is { Success: true } match ? match.Groups[1].Value : null;
}
