using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Promisingness.Web.Markdown;

/// <summary>
/// The one Markdown pipeline: what users write becomes HTML that cannot run script in a reader's browser.
/// Markdown is rendered once, at save, and the HTML stored. Three layers, because each alone has been
/// seen to leak: extensions chosen one by one (never UseAdvancedExtensions, whose generic attributes let
/// {onclick=…} through), a walk of the parsed document that keeps only http, https, mailto and relative
/// URLs after decoding them, and HtmlSanitizer with an allow-list over the result.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>Ids from headings and footnotes get this prefix so user text cannot take an id the app's own scripts use.</summary>
    public const string IdPrefix = "u-";

    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .UseFootnotes()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer sanitizer = SafeHtml.CreateSanitizer();

    public string ToSafeHtml(string markdown)
    {
        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(markdown, pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig refuses input nested beyond its depth limit (thousands of ">" or "["): nothing a
            // person writes, but the text must still be kept and shown, so it is shown unformatted.
            return $"<pre class=\"unformatted\">{System.Net.WebUtility.HtmlEncode(markdown)}</pre>";
        }
        foreach (var node in document.Descendants().ToList())
        {
            switch (node)
            {
                case HeadingBlock heading:
                    // Every page has one <h1> of its own: a body's "#" is the page's second level.
                    heading.Level = Math.Min(heading.Level + 1, 6);
                    break;
                case LinkInline link when !SafeUrls.IsAllowed(link.Url):
                    Unlink(link);
                    break;
                case AutolinkInline autolink when !SafeUrls.IsAllowed(autolink.Url):
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
            }
        }
        return sanitizer.Sanitize(document.ToHtml(pipeline));
    }

    /// <summary>A link or image whose URL is not allowed becomes its text (an image its alt text).</summary>
    private static void Unlink(LinkInline link)
    {
        while (link.FirstChild is { } child)
        {
            child.Remove();
            link.InsertBefore(child);
        }
        link.Remove();
    }
}
