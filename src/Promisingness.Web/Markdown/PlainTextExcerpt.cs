using System.Text;
using Markdig;

namespace Promisingness.Web.Markdown;

/// <summary>Plain text from Markdown, for card excerpts and meta descriptions.</summary>
internal static class PlainTextExcerpt
{
    // Only what changes the visible text: a plain CommonMark pipeline with raw HTML shown as text.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseFootnotes()
        .DisableHtml()
        .Build();

    public static string Create(string markdown, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);

        string text;
        try
        {
            text = Markdig.Markdown.ToPlainText(markdown, Pipeline);
        }
        catch (Exception)
        {
            // Too deeply nested for Markdig: the raw text is still a fair excerpt.
            text = markdown;
        }

        return Truncate(CollapseWhitespace(text), maxLength);
    }

    private static string CollapseWhitespace(string text)
    {
        var buffer = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = buffer.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                buffer.Append(' ');
                pendingSpace = false;
            }

            buffer.Append(c);
        }

        return buffer.ToString();
    }

    private static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        // Room for the ellipsis, then back to the last space so no word is cut in half.
        var cut = maxLength - 1;
        var space = text.LastIndexOf(' ', cut);
        if (space > 0)
        {
            cut = space;
        }
        else if (char.IsLowSurrogate(text[cut]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), "…");
    }
}
