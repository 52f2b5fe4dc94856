using Markdig.Syntax;

namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>
/// Decides what each <c>## </c> section of a README is (the team, a free page, the questions, a topic) and reads
/// it. A section is read into a part of the format only when the writer gives it back rendering to the same
/// HTML; otherwise it is kept as written, as a free page.
/// </summary>
internal sealed class SectionReader(ReadmeSource source)
{
    public List<ReadmeTeamLine> Team { get; private set; } = [];
    public string? TeamSection { get; private set; }
    public int TeamAt { get; private set; }
    public List<ReadmePage> Pages { get; } = [];
    public string? QuestionsHeading { get; private set; }
    public List<string> Questions { get; } = [];
    public int QuestionsAt { get; private set; }
    public List<ReadmeTopic> Topics { get; } = [];

    /// <param name="at">The section's place among the sections, from 1.</param>
    /// <param name="blocks">The heading and the blocks up to the next section.</param>
    public void Read(int at, List<Block> blocks)
    {
        var heading = ReadmeParser.HeadingText((HeadingBlock)blocks[0], source);
        var body = blocks[1..];
        var written = source.Blocks(blocks, 0, blocks.Count);
        var normalized = ReadmeParser.NormalizeHeading(heading);
        if (normalized == "team members" && TeamAt == 0)
        {
            Team = ReadmeTeamReader.Read(body, source);
            TeamSection = written == ReadmeWriter.TeamSection(Team) ? null : written;
            TeamAt = at;
            return;
        }
        if (normalized is not ("background" or "goal"))
        {
            if (QuestionsAt == 0 && heading.Contains("question", StringComparison.OrdinalIgnoreCase) && TryQuestions(heading, body, written))
            {
                QuestionsAt = at;
                return;
            }
            var topic = TopicOrNull(heading, body, written, withOutputs: true) ?? TopicOrNull(heading, body, written, withOutputs: false);
            if (topic is not null)
            {
                Topics.Add(topic with { At = at });
                return;
            }
        }
        Pages.Add(new ReadmePage(heading, source.Blocks(body, 0, body.Count)) { At = at });
    }

    private bool TryQuestions(string heading, List<Block> body, string written)
    {
        if (!body.All(b => b is QuoteBlock))
        {
            return false;
        }
        var questions = body.Select((_, i) => Unquote(source.Blocks(body, i, i + 1))).Where(q => q.Length > 0).ToList();
        if (!ReadmeHtml.Same(written, ReadmeWriter.QuestionsSection(heading, questions)))
        {
            return false;
        }
        QuestionsHeading = heading;
        Questions.AddRange(questions);
        return true;
    }

    private ReadmeTopic? TopicOrNull(string heading, List<Block> body, string written, bool withOutputs)
    {
        var topic = ReadmeTopicReader.Read(heading, body, source, withOutputs);
        return topic is not null && ReadmeHtml.Same(written, ReadmeWriter.TopicSection(topic)) ? topic : null;
    }

    /// <summary>A block quote's text: "&gt; " taken off each line (a lazy continuation line has none).</summary>
    private static string Unquote(string quote)
    {
        var lines = quote.Split('\n').Select(line =>
        {
            var trimmed = line.TrimStart(' ');
            if (line.Length - trimmed.Length > 3 || !trimmed.StartsWith('>'))
            {
                return line;
            }
            var content = trimmed[1..];
            return content.StartsWith(' ') ? content[1..] : content;
        });
        return string.Join('\n', lines).Trim();
    }
}
