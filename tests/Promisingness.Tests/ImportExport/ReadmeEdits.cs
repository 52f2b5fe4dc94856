using System.Text.RegularExpressions;

namespace Promisingness.Tests.ImportExport;

/// <summary>
/// The edits real authors make to a README, applied at random to its text: reword a heading; add or remove a
/// topic, a person, an output, a question; add a line under "Researched by"; break a line; leave a fence open
/// at the end; add a section the format does not know.
/// </summary>
internal static partial class ReadmeEdits
{
    public const string TitleOnly = "# Automating alignment\nA first line about the project.\n";

    private static readonly (string Name, Func<Random, List<string>, int, bool> Apply)[] All =
    [
        ("reword a heading", RewordHeading),
        ("add a topic", AddTopic),
        ("remove a topic", RemoveTopic),
        ("add a person", AddPerson),
        ("remove a person", RemovePerson),
        ("add an output", AddOutput),
        ("remove an output", RemoveOutput),
        ("add a question", AddQuestion),
        ("remove a question", RemoveQuestion),
        ("add a line under Researched by", AddBylineLine),
        ("break a line", BreakLine),
        ("leave a fence open at the end", OpenFence),
        ("add a section the format does not know", AddUnknownSection),
    ];

    /// <summary>
    /// Versions of a README, oldest first: the start and then one random edit after another. Each version is
    /// named by the edit that made it. An edit that finds nothing to change is skipped.
    /// </summary>
    public static List<(string Edit, string Text)> Sequence(Random random, string start, int edits)
    {
        var versions = new List<(string, string)> { ("start", start) };
        var lines = start.Split('\n').ToList();
        var n = 0;
        for (var attempts = 0; n < edits && attempts < edits * 5; attempts++)
        {
            var (name, apply) = All[random.Next(All.Length)];
            var copy = lines.ToList();
            if (apply(random, copy, n))
            {
                lines = copy;
                versions.Add((name, string.Join('\n', lines)));
                n++;
            }
        }
        return versions;
    }

    private static bool RewordHeading(Random random, List<string> lines, int k)
    {
        var headings = Indexes(lines, l => l.StartsWith("## ", StringComparison.Ordinal) && !l.Contains("Team Members", StringComparison.Ordinal));
        if (headings.Count == 0)
        {
            return false;
        }
        var i = Pick(random, headings);
        var words = lines[i][3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var w = random.Next(words.Length);
        words[w] = random.Next(3) switch
        {
            0 => "*" + words[w] + "*",
            1 => words[w] + " (revised " + k + ")",
            _ => "Reworded" + k,
        };
        lines[i] = "## " + string.Join(' ', words);
        return true;
    }

    private static bool AddTopic(Random random, List<string> lines, int k)
    {
        string[] topic =
        [
            $"## New Topic {k}",
            $"Researched by {Person(random)} and {Person(random)}",
            $"* [A review of topic {k}](https://www.lesswrong.com/posts/t{k})",
            "",
            "#### Summary",
            $"What topic {k} found, in a sentence or two.",
            "",
        ];
        InsertSection(random, lines, topic);
        return true;
    }

    private static bool RemoveTopic(Random random, List<string> lines, int k)
    {
        var topics = Indexes(lines, l => l.StartsWith("## ", StringComparison.Ordinal))
            .Where(i => i + 1 < lines.Count && lines[i + 1].StartsWith("Researched by", StringComparison.Ordinal)).ToList();
        if (topics.Count == 0)
        {
            return false;
        }
        var start = Pick(random, topics);
        lines.RemoveRange(start, SectionEnd(lines, start) - start);
        return true;
    }

    private static bool AddPerson(Random random, List<string> lines, int k)
    {
        var team = TeamLines(lines);
        if (team.Count == 0)
        {
            lines.InsertRange(SectionStarts(lines).FirstOrDefault(lines.Count), ["## Team Members", "```", $"Mentor: Mentor Person{k}.", "```", ""]);
            return true;
        }
        var i = Pick(random, team);
        var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
        lines[i] = lines[i][..(colon + 1)] + $" Added Person{k}," + lines[i][(colon + 1)..];
        return true;
    }

    private static bool RemovePerson(Random random, List<string> lines, int k)
    {
        var team = TeamLines(lines).Where(i => lines[i].Contains(',', StringComparison.Ordinal)).ToList();
        if (team.Count == 0)
        {
            return false;
        }
        var i = Pick(random, team);
        var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
        var comma = lines[i].IndexOf(',', colon);
        lines[i] = lines[i][..(colon + 1)] + lines[i][(comma + 1)..];
        return true;
    }

    private static bool AddOutput(Random random, List<string> lines, int k)
    {
        var bylines = Indexes(lines, l => l.StartsWith("Researched by", StringComparison.Ordinal));
        if (bylines.Count == 0)
        {
            return false;
        }
        var end = SectionEnd(lines, Pick(random, bylines));
        string[] output = random.Next(2) == 0
            ? ["", $"* [LessWrong post coming soon]()\\", ""]
            : ["", $"* [Output {k}](https://example.org/output-{k}) (draft)", "", "#### Summary:", $"The summary of output {k}.", ""];
        lines.InsertRange(end, output);
        return true;
    }

    private static bool RemoveOutput(Random random, List<string> lines, int k)
    {
        var outputs = Indexes(lines, l => OutputRegex().IsMatch(l));
        if (outputs.Count == 0)
        {
            return false;
        }
        lines.RemoveAt(Pick(random, outputs));
        return true;
    }

    private static bool AddQuestion(Random random, List<string> lines, int k)
    {
        var heading = lines.FindIndex(l => l.StartsWith("## ", StringComparison.Ordinal) && l.Contains("question", StringComparison.OrdinalIgnoreCase));
        if (heading < 0)
        {
            InsertSection(random, lines, ["## Questions", $"> Question {k}: how much can be automated?", ""]);
            return true;
        }
        lines.InsertRange(heading + 1, [$"> Question {k}: does it *scale*?", $"> A second line of question {k}.", ""]);
        return true;
    }

    private static bool RemoveQuestion(Random random, List<string> lines, int k)
    {
        var questions = Indexes(lines, l => l.StartsWith("> ", StringComparison.Ordinal));
        if (questions.Count == 0)
        {
            return false;
        }
        lines.RemoveAt(Pick(random, questions));
        return true;
    }

    private static bool AddBylineLine(Random random, List<string> lines, int k)
    {
        var bylines = Indexes(lines, l => l.StartsWith("Researched by", StringComparison.Ordinal));
        if (bylines.Count == 0)
        {
            return false;
        }
        lines.Insert(Pick(random, bylines) + 1, random.Next(2) == 0 ? "(Lesswrong post coming soon)" : $"with help from [a friend {k}](https://example.org/friend)");
        return true;
    }

    private static bool BreakLine(Random random, List<string> lines, int k)
    {
        var prose = Indexes(lines, l => l.Length > 40 && char.IsLetter(l[0]) && l.Contains(' ', StringComparison.Ordinal) && !l.StartsWith("Researched by", StringComparison.Ordinal));
        prose = [.. prose.Where(i => !InFence(lines, i))];
        if (prose.Count == 0)
        {
            return false;
        }
        var i = Pick(random, prose);
        var spaces = Indexes([.. lines[i].Select(c => c.ToString())], c => c == " ");
        var at = Pick(random, spaces);
        var breakWith = random.Next(3) switch
        {
            0 => "\n",
            1 => "  \n",
            _ => "\\\n",
        };
        var parts = (lines[i][..at] + breakWith + lines[i][(at + 1)..]).Split('\n');
        lines.RemoveAt(i);
        lines.InsertRange(i, parts);
        return true;
    }

    private static bool OpenFence(Random random, List<string> lines, int k)
    {
        if (InFence(lines, lines.Count))
        {
            return false;
        }
        lines.AddRange(["", random.Next(2) == 0 ? "```" : "~~~~ text", $"code {k} left open", "## not a heading inside the fence"]);
        return true;
    }

    private static bool AddUnknownSection(Random random, List<string> lines, int k)
    {
        string[] section = random.Next(3) switch
        {
            0 => [$"## Notes {k}", "Free text with *emphasis* and a [link](https://example.org/notes).", "", "- a loose list", "", "- with a blank line", ""],
            1 => [$"### A smaller heading {k}", "Text under it.", ""],
            _ => [$"## Links {k}", "* [A link that is not an output](https://example.org/l)", "* plain bullet", ""],
        };
        InsertSection(random, lines, section);
        return true;
    }

    /// <summary>Inserts before a random section heading, or at the end (outside any open fence).</summary>
    private static void InsertSection(Random random, List<string> lines, string[] section)
    {
        var starts = SectionStarts(lines);
        var at = random.Next(starts.Count + 1) < starts.Count ? starts[random.Next(starts.Count)] : lines.Count;
        if (at == lines.Count && InFence(lines, at))
        {
            at = starts.Count > 0 ? starts[^1] : lines.Count;
        }
        var block = section.ToList();
        if (at > 0 && lines[at - 1].Length > 0)
        {
            block.Insert(0, "");
        }
        lines.InsertRange(at, block);
    }

    private static List<int> SectionStarts(List<string> lines) =>
        Indexes(lines, l => l.StartsWith("## ", StringComparison.Ordinal)).Where(i => !InFence(lines, i)).ToList();

    private static int SectionEnd(List<string> lines, int from)
    {
        var next = SectionStarts(lines).FirstOrDefault(i => i > from, -1);
        return next < 0 ? lines.Count : next;
    }

    private static List<int> TeamLines(List<string> lines)
    {
        var heading = lines.FindIndex(l => l == "## Team Members");
        if (heading < 0 || heading + 1 >= lines.Count || lines[heading + 1] != "```")
        {
            return [];
        }
        var result = new List<int>();
        for (var i = heading + 2; i < lines.Count && lines[i] != "```"; i++)
        {
            if (lines[i].Contains(':', StringComparison.Ordinal))
            {
                result.Add(i);
            }
        }
        return result;
    }

    private static bool InFence(List<string> lines, int index)
    {
        var open = false;
        for (var i = 0; i < index && i < lines.Count; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal) || lines[i].StartsWith("~~~", StringComparison.Ordinal))
            {
                open = !open;
            }
        }
        return open;
    }

    private static string Person(Random random) =>
        Pick(random, ["Severin Field", "Alfie Lamerton", "Joyee Chen", "Marcel Mir", "Ada Newcomer", "Tim Chan"]);

    private static List<int> Indexes(List<string> lines, Func<string, bool> where) =>
        [.. lines.Select((l, i) => (l, i)).Where(x => where(x.l)).Select(x => x.i)];

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    [GeneratedRegex(@"^\* \[[^\]]*\]\([^)]*\)")]
    private static partial Regex OutputRegex();
}
