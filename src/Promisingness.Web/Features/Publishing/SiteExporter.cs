using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Publishing;

/// <summary>
/// Writes everything public as a static HTML site for the team's GitHub Pages: the pages as an anonymous
/// visitor gets them from a running wiki (the same look, and by construction nothing non-public), with
/// relative links to "…/index.html" files so the site works from any folder, no scripts but a small
/// search over a prebuilt JSON index.
/// </summary>
public sealed partial class SiteExporter(IDbContextFactory<WikiDbContext> dbFactory)
{
    /// <summary>Pages worth publishing: lists (and their later pages, <see cref="ListPage"/>) and entries. Everything else a page links to is made plain text.</summary>
    [GeneratedRegex(@"^(|topics|questions|team|tags|summaries|recent|(topics|questions|team|tags|pages|summaries|meetings)/[a-z0-9-]+)$")]
    private static partial Regex Publishable();

    /// <summary>A later page of a paged list: "topics?page=2". A file cannot have a query, so it becomes topics/pages/2/.</summary>
    [GeneratedRegex(@"^(?<list>topics|questions)\?page=(?<number>[0-9]+)$")]
    private static partial Regex ListPage();

    public sealed record Progress(int Done, int Known, string Current);

    public sealed record Result(int Pages, int Assets, long Bytes);

    /// <summary>Reads the pages through <paramref name="http"/>, a client of the wiki (its base address the wiki's root) with no cookies.</summary>
    public async Task<Result> ExportAsync(HttpClient http, string folder, IProgress<Progress>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var queue = new Queue<string>(await StartingPathsAsync(cancellationToken));
        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        var pages = new Dictionary<string, IDocument>(StringComparer.Ordinal);
        var assets = new HashSet<string>(StringComparer.Ordinal);
        var parser = new HtmlParser();

        // First fetch every publishable page, following links; then rewrite, once the set of pages is known.
        while (queue.TryDequeue(out var path))
        {
            progress?.Report(new Progress(pages.Count, seen.Count, path));
            using var response = await http.GetAsync(path.Length == 0 ? "./" : path, cancellationToken);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync(cancellationToken), cancellationToken);
            pages[path] = document;
            foreach (var link in document.QuerySelectorAll("a[href]").Select(a => LocalPath(a.GetAttribute("href")!)).OfType<string>())
            {
                if ((Publishable().IsMatch(link) || ListPage().IsMatch(link)) && seen.Add(link))
                {
                    queue.Enqueue(link);
                }
            }
        }

        var written = 0L;
        foreach (var (path, document) in pages)
        {
            Rewrite(document, path, pages.Keys, assets);
            written += await WriteAsync(folder, PageFile(path), "<!DOCTYPE html>\n" + document.DocumentElement.OuterHtml, cancellationToken);
            progress?.Report(new Progress(pages.Count, pages.Count, path));
        }
        written += await WriteSearchAsync(folder, pages, parser, cancellationToken);
        foreach (var asset in assets)
        {
            using var response = await http.GetAsync(asset, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var file = Path.Combine(folder, asset);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllBytesAsync(file, bytes, cancellationToken);
                written += bytes.Length;
            }
        }
        written += await WriteAsync(folder, "site-search.js", SiteSearchScript, cancellationToken);
        return new Result(pages.Count + 1, assets.Count + 1, written);
    }

    private async Task<IReadOnlyList<string>> StartingPathsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await db.Entries.ReadableBy(null).AsNoTracking().Select(e => new { e.Kind, e.Slug }).ToListAsync(cancellationToken);
        var members = await db.Members.AsNoTracking().Select(m => m.Slug).ToListAsync(cancellationToken);
        return ["", "topics", "questions", "team", "tags", "summaries", "recent",
            .. entries.Where(e => e.Slug != Entry.HomeSlug).Select(e => EntryUrls.For(e.Kind, e.Slug)),
            .. members.Select(EntryUrls.Member)];
    }

    /// <summary>Makes a fetched page work as a file: relative base, links to files, no scripts, no member-only controls.</summary>
    private static void Rewrite(IDocument document, string path, IEnumerable<string> published, HashSet<string> assets)
    {
        var pages = published.ToHashSet(StringComparer.Ordinal);
        var depth = PageFile(path).Count(c => c == '/');
        var prefix = depth == 0 ? "./" : string.Concat(Enumerable.Repeat("../", depth));
        document.QuerySelector("base")?.SetAttribute("href", prefix);
        foreach (var element in document.QuerySelectorAll("script, .site-account, .entry-actions, #blazor-error-ui, link[rel=modulepreload], link[rel=preload]").ToList())
        {
            element.Remove();
        }
        foreach (var form in document.QuerySelectorAll("form").ToList())
        {
            if (LocalPath(form.GetAttribute("action") ?? "") == "search")
            {
                form.SetAttribute("action", "search/index.html");
            }
            else
            {
                form.Remove();
            }
        }
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            var href = anchor.GetAttribute("href")!;
            if (IsElsewhere(href))
            {
                continue;
            }
            var fragment = href.IndexOf('#') is var hash and >= 0 ? href[hash..] : "";
            var local = LocalPath(href);
            if (local is not null && pages.Contains(local))
            {
                anchor.SetAttribute("href", PageFile(local) + fragment);
            }
            else if (IsAttachment(local))
            {
                // A public entry's file (a PDF, a CSV): written beside the pages, linked relatively.
                assets.Add(local!);
                anchor.SetAttribute("href", local);
            }
            else
            {
                // A page that is not published (sign in, history, a filtered list): keep the words, drop the link.
                anchor.RemoveAttribute("href");
            }
        }
        foreach (var (element, attribute) in document.QuerySelectorAll("link[href]").Select(e => (e, "href")).Concat(document.QuerySelectorAll("img[src]").Select(e => (e, "src"))))
        {
            if (LocalPath(element.GetAttribute(attribute)!) is { Length: > 0 } asset && !asset.Contains("..", StringComparison.Ordinal))
            {
                assets.Add(asset);
                if (IsAttachment(asset))
                {
                    // Written as "/files/…" for the wiki's root; relative to the page's base here, so the site works from any folder.
                    element.SetAttribute(attribute, asset);
                }
            }
        }
        document.Body?.SetAttribute("data-static-site", "");
    }

    /// <summary>search/index.html (the layout of the home page around a results list) and the JSON index it searches.</summary>
    private static async Task<long> WriteSearchAsync(string folder, IReadOnlyDictionary<string, IDocument> pages, HtmlParser parser, CancellationToken cancellationToken)
    {
        var index = pages
            .Where(p => p.Key.Contains('/', StringComparison.Ordinal))
            .Select(p => new
            {
                t = p.Value.QuerySelector("h1")?.TextContent.Trim() ?? p.Key,
                u = PageFile(p.Key),
                x = Collapse(string.Join(' ', p.Value.QuerySelectorAll("main h1, main h2, main h3, main p, main li, main td, main pre").Select(e => e.TextContent))),
            })
            .OrderBy(p => p.u, StringComparer.Ordinal)
            .ToList();
        var written = await WriteAsync(folder, "search-index.json", JsonSerializer.Serialize(index), cancellationToken);

        var home = pages.GetValueOrDefault("") ?? throw new InvalidOperationException("The home page could not be fetched.");
        var search = await parser.ParseDocumentAsync(home.DocumentElement.OuterHtml, cancellationToken);
        search.QuerySelector("base")?.SetAttribute("href", "../");
        search.Title = "Search · Promisingness Wiki";
        var main = search.QuerySelector("main")!;
        main.InnerHtml = """
            <h1>Search</h1>
            <form action="search/index.html" method="get" class="filters"><label>Words <input type="search" name="q" id="site-search-q" /></label> <button type="submit" class="btn">Search</button></form>
            <p id="site-search-status" class="muted" aria-live="polite"></p>
            <ol id="site-search-results" class="search-results"></ol>
            """;
        var script = search.CreateElement("script");
        script.SetAttribute("src", "site-search.js");
        search.Body!.AppendChild(script);
        return written + await WriteAsync(folder, "search/index.html", "<!DOCTYPE html>\n" + search.DocumentElement.OuterHtml, cancellationToken);
    }

    /// <summary>
    /// The path of a link inside the wiki, relative to its root and without fragment; null for other sites and for
    /// queries other than a list's page number (a filter, a search).
    /// </summary>
    private static string? LocalPath(string href)
    {
        if (IsElsewhere(href))
        {
            return null;
        }
        var end = href.IndexOfAny(['#']);
        var path = (end >= 0 ? href[..end] : href).TrimStart('/');
        if (path.Contains('?', StringComparison.Ordinal))
        {
            return ListPage().IsMatch(path) ? path : null;
        }
        return path is "." or "./" ? "" : path.TrimEnd('/');
    }

    /// <summary>An entry's uploaded file (Features/Attachments), which the export fetches as any visitor would: public entries' only.</summary>
    private static bool IsAttachment(string? local) => local is not null && local.StartsWith("files/", StringComparison.Ordinal) && !local.Contains("..", StringComparison.Ordinal);

    /// <summary>Another site, an e-mail address, or a place on the same page.</summary>
    private static bool IsElsewhere(string href) =>
        href.StartsWith('#') || href.StartsWith("//", StringComparison.Ordinal) || (href.Contains(':', StringComparison.Ordinal) && !href.StartsWith("./", StringComparison.Ordinal));

    private static string PageFile(string path) =>
        path.Length == 0 ? "index.html"
        : ListPage().Match(path) is { Success: true } page ? $"{page.Groups["list"].Value}/pages/{page.Groups["number"].Value}/index.html"
        : path + "/index.html";

    private static string Collapse(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 4000 ? line : line[..4000];
    }

    private static async Task<long> WriteAsync(string folder, string relative, string text, CancellationToken cancellationToken)
    {
        var file = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, text, cancellationToken);
        return new FileInfo(file).Length;
    }

    /// <summary>Searches the prebuilt index in the browser; results are text, never HTML from the index.</summary>
    private const string SiteSearchScript = """
        (async () => {
            const q = new URLSearchParams(location.search).get("q") || "";
            const box = document.getElementById("site-search-q");
            const status = document.getElementById("site-search-status");
            const list = document.getElementById("site-search-results");
            if (!box || !list) { return; }
            box.value = q;
            const words = q.toLowerCase().split(/\s+/).filter(w => w.length > 0).slice(0, 20);
            if (words.length === 0) { status.textContent = "Type words to search the published wiki."; return; }
            let index;
            try { index = await (await fetch("search-index.json")).json(); }
            catch { status.textContent = "The search index could not be loaded. Open the site through a web server."; return; }
            const hits = index.map(page => {
                const title = page.t.toLowerCase(), text = page.x.toLowerCase();
                let score = 0;
                for (const w of words) {
                    if (!title.includes(w) && !text.includes(w)) { return null; }
                    score += (title.includes(w) ? 10 : 0) + text.split(w).length - 1;
                }
                return { page, score };
            }).filter(h => h).sort((a, b) => b.score - a.score).slice(0, 50);
            status.textContent = hits.length === 0 ? "Nothing matches. Try fewer or shorter words." : `${hits.length} ${hits.length === 1 ? "page" : "pages"} match.`;
            for (const { page } of hits) {
                const item = document.createElement("li");
                const link = document.createElement("a");
                link.href = page.u;
                link.textContent = page.t;
                const at = page.x.toLowerCase().indexOf(words[0]);
                const excerpt = document.createElement("p");
                excerpt.className = "muted";
                excerpt.textContent = (at > 60 ? "…" : "") + page.x.slice(Math.max(0, at - 60), at + 180) + "…";
                item.append(link, excerpt);
                list.append(item);
            }
        })();
        """;
}
