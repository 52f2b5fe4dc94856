using System.Net;
using System.Text.RegularExpressions;

namespace Promisingness.Web.Features.Entries;

public static partial class Excerpts
{
    /// <summary>
    /// The text of rendered HTML, cut at a word boundary: for cards, page descriptions and the Atom feed. Math reads as
    /// its TeX between dollar signs ("$x^2$"), as it was written: the text of its MathML would run together ("x2").
    /// </summary>
    public static string FromHtml(string html, int maxLength = 200)
    {
        html = Math().Replace(html, math =>
        {
            var delimiter = math.Groups["block"].Success ? "$$" : "$";
            return $" {delimiter}{math.Groups["tex"].Value.Trim()}{delimiter} ";
        });
        // Tags become spaces so that blocks do not run together; a space left before punctuation goes.
        return FromText(SpaceBeforePunctuation().Replace(Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " "), "$1"), maxLength);
    }

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

    // A formula as TexToMathMl writes it: the MathML, then its TeX in an annotation (still HTML-encoded here).
    [GeneratedRegex("""<math(?<block> display="block")?[^>]*>(?:(?!</math>).)*?<annotation encoding="application/x-tex">(?<tex>[^<]*)</annotation>(?:(?!</math>).)*</math>""", RegexOptions.Singleline)]
    private static partial Regex Math();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@" ([.,;:!?)])")]
    private static partial Regex SpaceBeforePunctuation();
}
