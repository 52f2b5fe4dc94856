using System.Text;

namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>
/// Writes a <see cref="ReadmeDocument"/> back as a README in the seed's format. For every README,
/// <c>ReadmeParser.Parse(ReadmeWriter.Write(doc))</c> equals <c>doc</c> and the Markdown renders to the same HTML.
/// </summary>
public static class ReadmeWriter
{
    public static string Write(ReadmeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var parts = new List<string>();
        var head = document.Title.Length > 0 ? "# " + document.Title : "";
        if (document.Description.Length > 0)
        {
            // A title is one line: the description may follow it on the next.
            head = head.Length > 0 ? head + "\n" + document.Description : document.Description;
        }
        if (head.Length > 0)
        {
            parts.Add(head);
        }

        // The sections in their places; equal places keep the seed's order (team, pages, questions, topics).
        var sections = new List<(int At, string Text)>();
        if (document.Team.Count > 0 || document.TeamSection is not null)
        {
            sections.Add((document.TeamAt, document.TeamSection ?? TeamSection(document.Team)));
        }
        sections.AddRange(document.Pages.Select(page => (page.At, PageSection(page))));
        if (document.QuestionsHeading.Length > 0 || document.Questions.Count > 0)
        {
            var heading = document.QuestionsHeading.Length > 0 ? document.QuestionsHeading : "Questions";
            sections.Add((document.QuestionsAt, QuestionsSection(heading, document.Questions)));
        }
        sections.AddRange(document.Topics.Select(topic => (topic.At, TopicSection(topic))));
        parts.AddRange(sections.OrderBy(s => s.At).Select(s => s.Text));
        return string.Join("\n\n", parts) + "\n";
    }

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string JoinNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Count switch
        {
            0 => "",
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
        };
    }

    /// <summary>The writer's own form of a topic's first line.</summary>
    public static string Byline(IReadOnlyList<string> names) => "Researched by " + JoinNames(names);

    /// <summary>The seed's Team Members section: <c>Mentor: A \</c>, <c>MARS: B, C; \</c>, the last line ending in a full stop.</summary>
    internal static string TeamSection(IReadOnlyList<ReadmeTeamLine> team)
    {
        var w = new StringBuilder();
        w.Append("## ").Append(ReadmeParser.TeamMembersHeading).Append("\n```\n");
        for (var i = 0; i < team.Count; i++)
        {
            var line = team[i];
            w.Append(line.Label).Append(": ").AppendJoin(", ", line.Names);
            if (i == team.Count - 1)
            {
                w.Append('.');
            }
            else if (string.Equals(line.Label, "Mentor", StringComparison.OrdinalIgnoreCase))
            {
                w.Append(" \\");
            }
            else
            {
                w.Append("; \\");
            }
            w.Append('\n');
        }
        return w.Append("```").ToString();
    }

    internal static string PageSection(ReadmePage page) =>
        page.Body.Length > 0 ? $"## {page.Heading}\n{page.Body}" : $"## {page.Heading}";

    /// <summary>Each question a block quote, a blank line between two.</summary>
    internal static string QuestionsSection(string heading, IReadOnlyList<string> questions)
    {
        var w = new StringBuilder("## ").Append(heading);
        for (var i = 0; i < questions.Count; i++)
        {
            w.Append(i == 0 ? "\n" : "\n\n");
            w.AppendJoin('\n', SplitLines(questions[i]).Select(line => line.Length == 0 ? ">" : "> " + line));
        }
        return w.ToString();
    }

    internal static string TopicSection(ReadmeTopic topic)
    {
        var w = new StringBuilder("## ").Append(topic.Heading);
        if (topic.Researchers.Count > 0)
        {
            w.Append('\n').Append(topic.Byline ?? Byline(topic.Researchers));
            if (topic.Body.Length > 0)
            {
                w.Append(topic.BodyJoinsByline ? "\n" : "\n\n").Append(topic.Body);
            }
        }
        else if (topic.Body.Length > 0)
        {
            w.Append("\n\n").Append(topic.Body);
        }

        // Two outputs with nothing between them are items of one list: no blank line, or the list turns loose.
        var tight = false;
        foreach (var output in topic.Outputs)
        {
            w.Append(tight ? "\n" : "\n\n").Append("* ");
            w.Append(output.Title is null ? output.Url : $"[{output.Title}]({output.Url})").Append(output.LinkNote);
            if (output.SummaryHeading is not null)
            {
                w.Append("\n\n#### ").Append(output.SummaryHeading);
            }
            if (output.Summary.Length > 0)
            {
                w.Append(output.SummaryHeading is null ? "\n\n" : "\n").Append(output.Summary);
            }
            tight = output.SummaryHeading is null && output.Summary.Length == 0;
        }
        return w.ToString();
    }

    private static string[] SplitLines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
