using System.Net;
using System.Text.RegularExpressions;

namespace Promisingness.Web.Features.Entries;

public static partial class Excerpts
{
    /// <summary>The text of rendered HTML, cut at a word boundary: for cards and page descriptions.</summary>
    public static string FromHtml(string html, int maxLength = 200) =>
        // Tags become spaces so that blocks do not run together; a space left before punctuation goes.
        FromText(SpaceBeforePunctuation().Replace(Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " "), "$1"), maxLength);

    /// <summary>Plain text on one line, cut at a word boundary.</summary>
    public static string FromText(string text, int maxLength = 200)
    {
        text = Whitespace().Replace(text, " ").Trim();
        if (text.Length <= maxLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', maxLength - 1);
        return text[..(cut > maxLength / 2 ? cut : maxLength - 1)].TrimEnd(',', ';', ':', ' ') + "…";
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@" ([.,;:!?)])")]
    private static partial Regex SpaceBeforePunctuation();
}
