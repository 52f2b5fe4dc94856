using System.Text;

namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>
/// Writes a <see cref="ReadmeDocument"/> back in the seed README format. For the seed,
/// <c>ReadmeParser.Parse(ReadmeWriter.Write(doc))</c> equals <c>doc</c> and the Markdown renders to the same HTML.
/// </summary>
public static class ReadmeWriter
{
    public static string Write(ReadmeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var w = new StringBuilder();

        w.Append("# ").Append(document.Title).Append('\n');
        if (document.Description.Length > 0)
        {
            w.Append(document.Description).Append('\n');
        }

        w.Append('\n').Append("## ").Append(ReadmeParser.TeamMembersHeading).Append('\n');
        w.Append("```\n");
        for (var i = 0; i < document.Team.Count; i++)
        {
            var line = document.Team[i];
            w.Append(line.Label).Append(": ").AppendJoin(", ", line.Names);
            if (i == document.Team.Count - 1)
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

        w.Append("```\n");

        foreach (var page in document.Pages)
        {
            w.Append('\n').Append("## ").Append(page.Heading).Append('\n');
            if (page.Body.Length > 0)
            {
                w.Append(page.Body).Append('\n');
            }
        }

        if (document.QuestionsHeading.Length > 0 || document.Questions.Count > 0)
        {
            var heading = document.QuestionsHeading.Length > 0 ? document.QuestionsHeading : "Questions";
            w.Append('\n').Append("## ").Append(heading).Append('\n');
            for (var i = 0; i < document.Questions.Count; i++)
            {
                if (i > 0)
                {
                    w.Append('\n');
                }

                foreach (var line in SplitLines(document.Questions[i]))
                {
                    w.Append(line.Length == 0 ? ">" : "> " + line).Append('\n');
                }
            }
        }

        foreach (var topic in document.Topics)
        {
            WriteTopic(w, topic);
        }

        return w.ToString();
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

    private static void WriteTopic(StringBuilder w, ReadmeTopic topic)
    {
        w.Append('\n').Append("## ").Append(topic.Heading).Append('\n');
        if (topic.Researchers.Count > 0)
        {
            w.Append("Researched by ").Append(JoinNames(topic.Researchers)).Append('\n');
        }

        // A blank line is needed before a block only when the previous block was free text.
        var needBlank = false;
        if (topic.Body.Length > 0)
        {
            if (topic.Researchers.Count > 0)
            {
                w.Append('\n');
            }

            w.Append(topic.Body).Append('\n');
            needBlank = true;
        }

        foreach (var output in topic.Outputs)
        {
            if (needBlank)
            {
                w.Append('\n');
            }

            w.Append("* ");
            if (output.Title is null)
            {
                w.Append(output.Url);
            }
            else
            {
                w.Append('[').Append(output.Title).Append("](").Append(output.Url).Append(')');
            }

            w.Append(output.LinkNote).Append('\n');

            needBlank = false;
            if (output.SummaryHeading is not null)
            {
                w.Append('\n').Append("#### ").Append(output.SummaryHeading).Append('\n');
                needBlank = true;
            }
            else if (output.Summary.Length > 0)
            {
                w.Append('\n');
            }

            if (output.Summary.Length > 0)
            {
                w.Append(output.Summary).Append('\n');
                needBlank = true;
            }
        }
    }

    private static string[] SplitLines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
