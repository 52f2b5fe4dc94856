using System.Text.RegularExpressions;

namespace Promisingness.Web.Features.Questions;

public static partial class QuestionTitles
{
    private const int MaxLength = 120;
    private const int MaxQuestionLength = 170;

    /// <summary>
    /// A question's title is its first question, without Markdown; a full stop does not end it, since
    /// "e.g." and "vs." are common in these questions. A long one is cut at a word boundary.
    /// </summary>
    public static string From(string markdown)
    {
        var text = Whitespace().Replace(MarkdownLink().Replace(markdown, "$1"), " ").Trim();
        var end = text.IndexOf('?');
        if (end >= 0 && end < MaxQuestionLength)
        {
            return text[..(end + 1)];
        }
        if (text.Length <= MaxLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', MaxLength);
        return text[..(cut > 0 ? cut : MaxLength)] + "…";
    }

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
