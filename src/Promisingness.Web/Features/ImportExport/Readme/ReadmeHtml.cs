using System.Text.RegularExpressions;

namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>How GitHub-like CommonMark renders a README, for telling whether two texts render alike.</summary>
public static partial class ReadmeHtml
{
    /// <summary>The HTML of <paramref name="markdown"/> by Markdig's CommonMark pipeline, without extensions.</summary>
    public static string Render(string markdown) => Markdig.Markdown.ToHtml(markdown);

    /// <summary>HTML with insignificant whitespace normalised: runs collapsed to one space, none between tags.</summary>
    public static string Normalize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        html = Whitespace().Replace(html, " ");
        html = BetweenTags().Replace(html, "><");
        return html.Trim();
    }

    public static bool Same(string a, string b) => Normalize(Render(a)) == Normalize(Render(b));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@">\s+<")]
    private static partial Regex BetweenTags();
}
