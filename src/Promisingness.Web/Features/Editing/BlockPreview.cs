using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Markdown;

namespace Promisingness.Web.Features.Editing;

/// <summary>
/// One editor's preview, rendered block by block (<see cref="MarkdownBlocks"/>) through the one pipeline and its
/// HtmlGate, each block's HTML kept by its text, so that a pause renders again only the blocks that changed. What
/// spans blocks is made as the whole render makes it: heading ids stay unique the way Markdig makes them so
/// ("a", "a-1", "a-2"); a text with footnotes or link reference definitions, or with a [label] that names a
/// heading (Markdig links it to the heading), is rendered whole.
/// </summary>
internal sealed partial class BlockPreview(MarkdownRenderer markdown, IDbContextFactory<WikiDbContext> databases, bool offerToCreate)
{
    private readonly Lock gate = new();
    private Dictionary<string, Rendered> rendered = new(StringComparer.Ordinal);
    private List<Block> shown = [];

    /// <summary>A block as the preview shows it; the same instance while its HTML stays the same (the component's key).</summary>
    public sealed class Block(string html)
    {
        public string Html { get; } = html;
    }

    private sealed record Rendered(string Html, string[] HeadingIds, string[] Labels, string[] Headings);

    /// <summary>The text's blocks, rendered. Throws <see cref="OperationCanceledException"/> when a newer text is asked for.</summary>
    public IReadOnlyList<Block> Render(string text, CancellationToken cancel)
    {
        lock (gate)
        {
            var parts = MarkdownBlocks.Split(text, out var needsWholeText);
            var html = needsWholeText ? null : RenderParts(parts, cancel);
            if (html is null)
            {
                using var db = databases.CreateDbContext();
                html = [Offer(markdown.Parse(text).ToSafeHtml(db))];
            }
            return KeepKeys(html);
        }
    }

    /// <summary>The blocks' HTML, the heading ids made unique across them; null when only a whole render gets them right.</summary>
    private string[]? RenderParts(List<string> parts, CancellationToken cancel)
    {
        var kept = new Dictionary<string, Rendered>(parts.Count, StringComparer.Ordinal);
        var html = new string[parts.Count];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var headings = new HashSet<string>(StringComparer.Ordinal);
        WikiDbContext? db = null;
        try
        {
            for (var i = 0; i < parts.Count; i++)
            {
                cancel.ThrowIfCancellationRequested();
                if (!kept.TryGetValue(parts[i], out var block) && !rendered.TryGetValue(parts[i], out block))
                {
                    db ??= databases.CreateDbContext();
                    var made = Offer(markdown.Parse(parts[i]).ToSafeHtml(db));
                    block = new Rendered(made, [.. HeadingId().Matches(made).Select(m => m.Groups[1].Value)],
                        [.. Label().Matches(parts[i]).Select(m => Normalized(m.Groups[1].Value))],
                        [.. AtxHeading().Matches(parts[i]).Concat(SetextHeading().Matches(parts[i])).Select(m => Normalized(m.Groups[1].Value))]);
                }
                kept[parts[i]] = block;
                labels.UnionWith(block.Labels);
                headings.UnionWith(block.Headings);
                html[i] = block.Html;
                foreach (var id in block.HeadingIds)
                {
                    if (ids.Add(id))
                    {
                        continue;
                    }
                    // Two headings of one block renamed against the others could collide among themselves.
                    if (block.HeadingIds.Length > 1)
                    {
                        return null;
                    }
                    var index = 0;
                    string unique;
                    do
                    {
                        unique = $"{id}-{++index}";
                    }
                    while (!ids.Add(unique));
                    html[i] = block.Html.Replace($" id=\"{MarkdownRenderer.IdPrefix}{id}\"", $" id=\"{MarkdownRenderer.IdPrefix}{unique}\"", StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            db?.Dispose();
        }
        rendered = kept;
        return labels.Overlaps(headings) ? null : html;
    }

    private string Offer(string html) => offerToCreate ? WikiLinkCreation.OfferToCreate(html) : html;

    // Blocks whose HTML did not change keep their instance, so Blazor sends only the others.
    private List<Block> KeepKeys(string[] html)
    {
        var previous = new Dictionary<string, Queue<Block>>(StringComparer.Ordinal);
        foreach (var block in shown)
        {
            if (!previous.TryGetValue(block.Html, out var same))
            {
                previous[block.Html] = same = new Queue<Block>();
            }
            same.Enqueue(block);
        }
        shown = [.. html.Select(h => previous.TryGetValue(h, out var same) && same.TryDequeue(out var block) ? block : new Block(h))];
        return shown;
    }

    private static string Normalized(string label) => string.Join(' ', label.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    // "[text]" not followed by "(" or "[": a reference link, which may name a heading anywhere in the text.
    [GeneratedRegex(@"(?<!\[)\[([^\[\]\n]+)\](?![(\[\]])", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\r?$", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^ {0,3}(\S.*)\r?\n {0,3}(?:=+|-+)[ \t]*\r?$", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex SetextHeading();

    [GeneratedRegex("<h[1-6] id=\"" + MarkdownRenderer.IdPrefix + "([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingId();
}
