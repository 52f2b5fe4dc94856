using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;

namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>
/// Reads a README as CommonMark does (Markdig's block parser), then finds the parts of the seed's format in
/// the blocks (see DESIGN.md, "The seed README format"). Any part may be missing; what is not a part is kept
/// as written, as a page or as the home page's text. Refused, naming the line, is only what is not a README
/// (binary, too large) and links with unsafe schemes. Pure and DB-free.
/// </summary>
public static partial class ReadmeParser
{
    /// <summary>Largest accepted README, in UTF-8 bytes.</summary>
    public const int MaxSizeBytes = ReadmeText.MaxSizeBytes;

    public const string TeamMembersHeading = "Team Members";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    public static ReadmeDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = new ReadmeSource(ReadmeText.Normalize(text));
        var markdown = Markdig.Markdown.Parse(source.Text, Pipeline);
        ReadmeLinks.CheckAll(markdown, source);
        var blocks = markdown.ToList();
        source.Measure(blocks);

        var title = "";
        var start = 0;
        if (blocks.Count > 0 && blocks[0] is HeadingBlock { Level: 1 } first && HeadingText(first, source) is { Length: > 0 } titleText)
        {
            title = titleText;
            start = 1;
        }
        var starts = Enumerable.Range(start, blocks.Count - start)
            .Where(i => blocks[i] is HeadingBlock { Level: 2 } h && HeadingText(h, source).Length > 0)
            .ToList();
        var sections = new SectionReader(source);
        for (var k = 0; k < starts.Count; k++)
        {
            var end = k + 1 < starts.Count ? starts[k + 1] : blocks.Count;
            sections.Read(k + 1, blocks[starts[k]..end]);
        }

        var description = source.Blocks(blocks, start, starts.Count > 0 ? starts[0] : blocks.Count);
        return new ReadmeDocument(title, description, sections.Team, sections.Pages, sections.QuestionsHeading ?? "", sections.Questions, sections.Topics)
        {
            TeamSection = sections.TeamSection,
            TeamAt = sections.TeamAt,
            QuestionsAt = sections.QuestionsAt,
        };
    }

    /// <summary>
    /// Normalises a heading for comparison: lower case, punctuation and symbols replaced by spaces,
    /// whitespace collapsed, trimmed. "Goal:" and "goal" are equal; so are "In-context Learning" and "In context learning".
    /// </summary>
    public static string NormalizeHeading(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var builder = new StringBuilder(heading.Length);
        var pendingSpace = false;
        foreach (var c in heading.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                pendingSpace = true;
            }
        }
        return builder.ToString();
    }

    /// <summary>A heading's text as written: without the #s (leading and closing) or a setext underline, lines joined by a space.</summary>
    internal static string HeadingText(HeadingBlock heading, ReadmeSource source)
    {
        var first = source.FirstLine(heading);
        if (heading.IsSetext)
        {
            var lines = Enumerable.Range(first, source.LastLine(heading) - first).Select(i => source.Line(i).Trim());
            return string.Join(' ', lines);
        }
        var text = source.Line(first).TrimStart(' ').TrimStart('#').Trim();
        return ClosingSequenceRegex().Replace(text, "");
    }

    [GeneratedRegex(@"(?:^|[ \t]+)#+[ \t]*$")]
    private static partial Regex ClosingSequenceRegex();
}
