using System.Net;
using System.Text.RegularExpressions;

namespace Promisingness.Web.Features.Entries;

public static partial class Excerpts
{
    /// <summary>The text of rendered HTML, cut at a word boundary: for cards and page descriptions.</summary>
    public static string FromHtml(string html, int maxLength = 200)
    {
        var text = Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();
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
}
