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
public sealed partial class BlockPreview(MarkdownRenderer markdown, IDbContextFactory<WikiDbContext> databases, bool offerToCreate)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Rendered> rendered = new(StringComparer.Ordinal);
    // The text last shown, cut into blocks, each with its render and the instance it was shown as.
    private string previousText = "";
    private List<Part> parts = [];

    /// <summary>A block as the preview shows it; the same instance while its HTML stays the same (the component's key).</summary>
    public sealed class Block(string html)
    {
        public string Html { get; } = html;

        /// <summary>A hash of the HTML (FNV-1a), the same in every process: where <see cref="PreviewGroups"/> ends its groups.</summary>
        public uint Mark { get; } = Fnv(html);

        private static uint Fnv(string text)
        {
            var hash = 2166136261;
            foreach (var c in text)
            {
                hash = unchecked((hash ^ c) * 16777619);
            }
            return hash;
        }
    }

    private sealed record Rendered(string Html, string[] HeadingIds, string[] Labels, string[] Headings, bool NeedsWholeText);

    private sealed record Part(string Text, Rendered Rendered, Block Shown);

    /// <summary>The text's blocks, rendered. Throws <see cref="OperationCanceledException"/> when a newer text is asked for.</summary>
    public IReadOnlyList<Block> Render(string text, CancellationToken cancel)
    {
        lock (gate)
        {
            var next = Cut(text, cancel);
            var html = next.Any(p => p.Rendered.NeedsWholeText) ? null : UniqueIds(next);
            if (html is null)
            {
                using var db = databases.CreateDbContext();
                html = [Offer(markdown.Parse(text).ToSafeHtml(db))];
                parts = next;
                previousText = text;
                return [new Block(html[0])];
            }
            // Blocks whose HTML did not change keep their instance, so Blazor sends only the others.
            parts = [.. next.Select((p, i) => p.Shown.Html == html[i] ? p : p with { Shown = new Block(html[i]) })];
            previousText = text;
            if (rendered.Count > 2 * parts.Count + 64)
            {
                rendered.Clear();
                foreach (var part in parts)
                {
                    rendered[part.Text] = part.Rendered;
                }
            }
            return [.. parts.Select(p => p.Shown)];
        }
    }

    /// <summary>
    /// The text's blocks. Those before the change and after it are the last text's: only the span between is cut and
    /// rendered again, so a pause in a long text costs about what it costs in a short one.
    /// </summary>
    private List<Part> Cut(string text, CancellationToken cancel)
    {
        var prefix = text.AsSpan().CommonPrefixLength(previousText);
        var suffix = CommonSuffixLength(text, previousText, Math.Min(text.Length, previousText.Length) - prefix);
        // Kept from the front: the blocks that end, with the line that starts the next one, before the change.
        var head = 0;
        var offset = 0;
        while (head < parts.Count - 1)
        {
            var nextStart = offset + parts[head].Text.Length;
            var lineEnd = text.IndexOf('\n', nextStart);
            if (lineEnd < 0 || lineEnd >= prefix)
            {
                break;
            }
            offset = nextStart;
            head++;
        }
        var result = parts.GetRange(0, head);
        // Where the last text's blocks start, moved by the change, for finding where the scan meets them again.
        var delta = text.Length - previousText.Length;
        var oldStart = offset;
        var oldIndex = head;
        var blockStart = offset;
        foreach (var cut in MarkdownBlocks.CutsFrom(text, offset).Append(text.Length))
        {
            cancel.ThrowIfCancellationRequested();
            if (cut > blockStart)
            {
                result.Add(PartOf(text[blockStart..cut]));
            }
            blockStart = cut;
            if (cut >= text.Length || cut < text.Length - suffix)
            {
                continue;
            }
            // From here the text is the last text's tail; where that tail also started a block, the rest are its blocks.
            while (oldIndex < parts.Count && oldStart < cut - delta)
            {
                oldStart += parts[oldIndex].Text.Length;
                oldIndex++;
            }
            if (oldIndex < parts.Count && oldStart == cut - delta)
            {
                result.AddRange(parts.Skip(oldIndex));
                return result;
            }
        }
        return result;
    }

    private Part PartOf(string block)
    {
        if (!rendered.TryGetValue(block, out var made))
        {
            using var db = databases.CreateDbContext();
            var html = Offer(markdown.Parse(block).ToSafeHtml(db));
            made = new Rendered(html, [.. HeadingId().Matches(html).Select(m => m.Groups[1].Value)],
                [.. Label().Matches(block).Select(m => Normalized(m.Groups[1].Value))],
                [.. AtxHeading().Matches(block).Concat(SetextHeading().Matches(block)).Select(m => Normalized(m.Groups[1].Value))],
                MarkdownBlocks.NeedsWholeText(block));
            rendered[block] = made;
        }
        return new Part(block, made, new Block(made.Html));
    }

    private static int CommonSuffixLength(string a, string b, int max)
    {
        const int Chunk = 256;
        var length = 0;
        while (length + Chunk <= max && a.AsSpan(a.Length - length - Chunk, Chunk).SequenceEqual(b.AsSpan(b.Length - length - Chunk, Chunk)))
        {
            length += Chunk;
        }
        while (length < max && a[a.Length - 1 - length] == b[b.Length - 1 - length])
        {
            length++;
        }
        return length;
    }

    /// <summary>The blocks' HTML, the heading ids made unique across them; null when only a whole render gets them right.</summary>
    private static string[]? UniqueIds(List<Part> next)
    {
        var html = new string[next.Count];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var headings = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < next.Count; i++)
        {
            var block = next[i].Rendered;
            html[i] = block.Html;
            labels.UnionWith(block.Labels);
            headings.UnionWith(block.Headings);
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
        // Markdig links a [label] to the heading it names, anywhere in the text.
        return labels.Overlaps(headings) ? null : html;
    }

    private string Offer(string html) => offerToCreate ? WikiLinkCreation.OfferToCreate(html) : html;

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
