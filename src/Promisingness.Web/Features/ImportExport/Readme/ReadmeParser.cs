using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>
/// Parses the seed README format (see DESIGN.md, "The seed README format"). Pure and DB-free:
/// either the whole document is returned or a <see cref="ReadmeFormatException"/> naming the line is thrown.
/// </summary>
public static partial class ReadmeParser
{
    /// <summary>Largest accepted README, in UTF-8 bytes.</summary>
    public const int MaxSizeBytes = 2 * 1024 * 1024;

    public const string TeamMembersHeading = "Team Members";

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static ReadmeDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxSizeBytes || Encoding.UTF8.GetByteCount(text) > MaxSizeBytes)
        {
            throw new ReadmeFormatException(1, $"the file is larger than {MaxSizeBytes / (1024 * 1024)} MB.");
        }

        var lines = SplitLines(text);
        CheckControlCharacters(lines);

        var titleIndex = lines.FindIndex(l => !IsBlank(l));
        if (titleIndex < 0)
        {
            throw new ReadmeFormatException(1, "the file is empty.");
        }

        var title = ParseTitle(lines[titleIndex], titleIndex + 1);
        var sections = SplitSections(lines, titleIndex + 1, out var firstSectionIndex);
        var description = JoinBlock(lines, titleIndex + 1, firstSectionIndex);

        List<ReadmeTeamLine>? team = null;
        var pages = new List<ReadmePage>();
        string? questionsHeading = null;
        var questions = new List<string>();
        var topics = new List<ReadmeTopic>();
        var topicLines = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var section in sections)
        {
            var normalized = NormalizeHeading(section.Heading);
            if (normalized == "team members")
            {
                if (team is not null)
                {
                    throw new ReadmeFormatException(section.HeadingLine, "there is a second Team Members section.");
                }

                team = ParseTeam(lines, section);
            }
            else if (normalized is "background" or "goal")
            {
                pages.Add(new ReadmePage(section.Heading, JoinBlock(lines, section.Start, section.End)));
            }
            else if (questionsHeading is null && section.Heading.Contains("question", StringComparison.OrdinalIgnoreCase))
            {
                questionsHeading = section.Heading;
                questions.AddRange(ParseQuestions(lines, section));
            }
            else
            {
                if (topicLines.TryGetValue(normalized, out var previousLine))
                {
                    throw new ReadmeFormatException(
                        section.HeadingLine,
                        $"the topic \"{section.Heading}\" has the same heading as the topic on line {previousLine}.");
                }

                topicLines.Add(normalized, section.HeadingLine);
                topics.Add(ParseTopic(lines, section));
            }
        }

        if (team is null)
        {
            var line = sections.Count > 0 ? sections[0].HeadingLine : lines.Count;
            throw new ReadmeFormatException(line, "there is no \"## Team Members\" section.");
        }

        return new ReadmeDocument(title, description, team, pages, questionsHeading ?? "", questions, topics);
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

    private sealed record Section(string Heading, int HeadingLine, int Start, int End);

    private static List<string> SplitLines(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return [.. text.Split('\n')];
    }

    private static void CheckControlCharacters(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var c in lines[i])
            {
                if (char.IsControl(c) && c != '\t')
                {
                    var name = c == '\0' ? "a NUL character" : $"the control character U+{(int)c:X4}";
                    throw new ReadmeFormatException(i + 1, $"{name} is not allowed (is this a binary file?).");
                }
            }
        }
    }

    private static string ParseTitle(string line, int lineNumber)
    {
        var trimmed = line.TrimStart(' ');
        if (line.Length - trimmed.Length > 3 || !(trimmed.StartsWith("# ", StringComparison.Ordinal) || trimmed.StartsWith("#\t", StringComparison.Ordinal) || trimmed == "#"))
        {
            throw new ReadmeFormatException(lineNumber, "the first line must be the title, written \"# Title\".");
        }

        var title = trimmed[1..].Trim();
        if (title.Length == 0)
        {
            throw new ReadmeFormatException(lineNumber, "the title after \"# \" is empty.");
        }

        return title;
    }

    /// <summary>Splits the lines after the title into "## " sections, skipping headings inside fenced code blocks.</summary>
    private static List<Section> SplitSections(List<string> lines, int from, out int firstSectionIndex)
    {
        var sections = new List<Section>();
        firstSectionIndex = lines.Count;
        string? heading = null;
        var headingIndex = -1;
        Fence? fence = null;
        var fenceIndex = -1;

        for (var i = from; i < lines.Count; i++)
        {
            var line = lines[i];
            if (fence is not null)
            {
                if (fence.Value.IsClosedBy(line))
                {
                    fence = null;
                }
                else if (heading is not null && NormalizeHeading(heading) == "team members" && TryReadH2(line, out _))
                {
                    throw TeamBlockNotClosed(fenceIndex + 1);
                }

                continue;
            }

            if (Fence.TryOpen(line, out var opened))
            {
                fence = opened;
                fenceIndex = i;
                continue;
            }

            if (!TryReadH2(line, out var text))
            {
                continue;
            }

            if (text.Length == 0)
            {
                throw new ReadmeFormatException(i + 1, "a \"## \" heading has no text.");
            }

            if (heading is null)
            {
                firstSectionIndex = i;
            }
            else
            {
                sections.Add(new Section(heading, headingIndex + 1, headingIndex + 1, i));
            }

            heading = text;
            headingIndex = i;
        }

        if (fence is not null)
        {
            if (heading is not null && NormalizeHeading(heading) == "team members")
            {
                throw TeamBlockNotClosed(fenceIndex + 1);
            }

            throw new ReadmeFormatException(fenceIndex + 1, $"the code block opened here is not closed (missing {fence.Value.Marker}).");
        }

        if (heading is not null)
        {
            sections.Add(new Section(heading, headingIndex + 1, headingIndex + 1, lines.Count));
        }

        return sections;
    }

    private static ReadmeFormatException TeamBlockNotClosed(int line) =>
        new(line, "the Team Members block is not closed (missing ```).");

    /// <summary>A level-2 ATX heading: up to 3 spaces, "##", then a space, tab or the end of the line.</summary>
    private static bool TryReadH2(string line, out string text)
    {
        text = "";
        var trimmed = line.TrimStart(' ');
        if (line.Length - trimmed.Length > 3 || !trimmed.StartsWith("##", StringComparison.Ordinal))
        {
            return false;
        }

        if (trimmed.Length > 2 && trimmed[2] is not (' ' or '\t'))
        {
            return false;
        }

        text = trimmed[2..].Trim();
        return true;
    }

    private static List<ReadmeTeamLine> ParseTeam(List<string> lines, Section section)
    {
        var i = section.Start;
        while (i < section.End && IsBlank(lines[i]))
        {
            i++;
        }

        if (i >= section.End || !Fence.TryOpen(lines[i], out var fence))
        {
            throw new ReadmeFormatException(section.HeadingLine, "the Team Members section has no fenced block (```) listing the team.");
        }

        var openLine = i + 1;
        var team = new List<ReadmeTeamLine>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var closed = false;
        for (i++; i < section.End; i++)
        {
            var line = lines[i];
            if (fence.IsClosedBy(line))
            {
                closed = true;
                i++;
                break;
            }

            if (IsBlank(line))
            {
                continue;
            }

            team.Add(ParseTeamLine(line, i + 1, seen));
        }

        if (!closed)
        {
            throw TeamBlockNotClosed(openLine);
        }

        for (; i < section.End; i++)
        {
            if (!IsBlank(lines[i]))
            {
                throw new ReadmeFormatException(i + 1, "unexpected text after the Team Members block; only the fenced block belongs in this section.");
            }
        }

        return team;
    }

    private static ReadmeTeamLine ParseTeamLine(string line, int lineNumber, Dictionary<string, int> seen)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var label = colon < 0 ? "" : line[..colon].Trim();
        if (label.Length == 0)
        {
            throw new ReadmeFormatException(lineNumber, "a Team Members line must start with a label, e.g. \"MARS: A, B\".");
        }

        var names = new List<string>();
        foreach (var part in line[(colon + 1)..].Split(','))
        {
            var name = CollapseWhitespace(part.Trim().TrimEnd(';', '.', '\\', ' ', '\t'));
            if (name.Length == 0)
            {
                continue;
            }

            var key = name.ToLowerInvariant();
            if (seen.TryGetValue(key, out var firstLine))
            {
                throw new ReadmeFormatException(lineNumber, $"\"{name}\" is listed twice in the Team Members block (first on line {firstLine}).");
            }

            seen.Add(key, lineNumber);
            names.Add(name);
        }

        if (names.Count == 0)
        {
            throw new ReadmeFormatException(lineNumber, $"the Team Members line \"{label}:\" lists no names.");
        }

        return new ReadmeTeamLine(label, names);
    }

    private static List<string> ParseQuestions(List<string> lines, Section section)
    {
        var questions = new List<string>();
        var current = new List<string>();
        for (var i = section.Start; i < section.End; i++)
        {
            var line = lines[i];
            if (IsBlank(line))
            {
                Flush();
                continue;
            }

            var trimmed = line.TrimStart(' ');
            if (line.Length - trimmed.Length > 3 || !trimmed.StartsWith('>'))
            {
                throw new ReadmeFormatException(i + 1, "in the questions section every question must be a \"> \" block quote; this text is not.");
            }

            var content = trimmed[1..];
            if (content.StartsWith(' '))
            {
                content = content[1..];
            }

            current.Add(content);
        }

        Flush();
        return questions;

        void Flush()
        {
            var question = string.Join('\n', current).Trim();
            if (question.Length > 0)
            {
                questions.Add(question);
            }

            current.Clear();
        }
    }

    private static ReadmeTopic ParseTopic(List<string> lines, Section section)
    {
        var i = section.Start;
        while (i < section.End && IsBlank(lines[i]))
        {
            i++;
        }

        var researchers = new List<string>();
        var bodyStart = section.Start;
        if (i < section.End && ResearchedByRegex().Match(lines[i]) is { Success: true } match)
        {
            var rest = match.Groups["names"].Value.Trim().TrimEnd('.', '\\', ' ', '\t');
            foreach (var part in NameSeparatorRegex().Split(rest))
            {
                var name = CollapseWhitespace(part.Trim());
                if (name.Length > 0)
                {
                    researchers.Add(name);
                }
            }

            if (researchers.Count == 0)
            {
                throw new ReadmeFormatException(i + 1, "\"Researched by\" is not followed by any names.");
            }

            bodyStart = i + 1;
        }

        // Find the output bullets (outside fenced code blocks).
        var bullets = new List<(int Index, ReadmeOutput Link)>();
        Fence? fence = null;
        for (var j = bodyStart; j < section.End; j++)
        {
            if (fence is not null)
            {
                if (fence.Value.IsClosedBy(lines[j]))
                {
                    fence = null;
                }

                continue;
            }

            if (Fence.TryOpen(lines[j], out var opened))
            {
                fence = opened;
                continue;
            }

            if (TryReadOutputBullet(lines[j], j + 1) is { } output)
            {
                bullets.Add((j, output));
            }
        }

        var bodyEnd = bullets.Count > 0 ? bullets[0].Index : section.End;
        var body = JoinBlock(lines, bodyStart, bodyEnd);

        var outputs = new List<ReadmeOutput>();
        for (var b = 0; b < bullets.Count; b++)
        {
            var tailStart = bullets[b].Index + 1;
            var tailEnd = b + 1 < bullets.Count ? bullets[b + 1].Index : section.End;
            var (summaryHeading, summary) = ParseTail(lines, tailStart, tailEnd);
            outputs.Add(bullets[b].Link with { SummaryHeading = summaryHeading, Summary = summary });
        }

        return new ReadmeTopic(section.Heading, researchers, body, outputs);
    }

    private static (string? Heading, string Summary) ParseTail(List<string> lines, int start, int end)
    {
        while (start < end && IsBlank(lines[start]))
        {
            start++;
        }

        if (start < end && SummaryHeadingRegex().Match(lines[start]) is { Success: true } match)
        {
            return (match.Groups["text"].Value.Trim(), JoinBlock(lines, start + 1, end));
        }

        return (null, JoinBlock(lines, start, end));
    }

    /// <summary>
    /// An output bullet starts at column 0 with "* ", "- " or "+ " and its content begins with a
    /// link "[title](url)" or a bare http(s)/mailto URL.
    /// </summary>
    private static ReadmeOutput? TryReadOutputBullet(string line, int lineNumber)
    {
        if (line.Length < 2 || line[0] is not ('*' or '-' or '+') || line[1] is not (' ' or '\t'))
        {
            return null;
        }

        var content = line[2..].TrimStart(' ', '\t');
        if (content.StartsWith('['))
        {
            if (!TryReadInlineLink(content, out var title, out var url, out var consumed))
            {
                return null;
            }

            CheckUrl(url, lineNumber);
            return new ReadmeOutput(title, url, content[consumed..].TrimEnd(), null, "");
        }

        if (BareUrlRegex().Match(content) is { Success: true } bare)
        {
            var url = bare.Value;
            CheckUrl(url, lineNumber);
            return new ReadmeOutput(null, url, content[url.Length..].TrimEnd(), null, "");
        }

        return null;
    }

    /// <summary>Reads "[text](destination)" at the start of <paramref name="s"/>, honouring backslash escapes and nesting.</summary>
    private static bool TryReadInlineLink(string s, out string title, out string url, out int consumed)
    {
        title = url = "";
        consumed = 0;
        var depth = 0;
        var i = 0;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\' && i + 1 < s.Length)
            {
                i++;
                continue;
            }

            if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && --depth == 0)
            {
                break;
            }
        }

        if (i >= s.Length || i + 1 >= s.Length || s[i + 1] != '(')
        {
            return false;
        }

        title = s[1..i];
        var destStart = i + 2;
        var parens = 1;
        var k = destStart;
        for (; k < s.Length; k++)
        {
            var c = s[k];
            if (c == '\\' && k + 1 < s.Length)
            {
                k++;
                continue;
            }

            if (c == '(')
            {
                parens++;
            }
            else if (c == ')' && --parens == 0)
            {
                break;
            }
        }

        if (k >= s.Length)
        {
            return false;
        }

        url = s[destStart..k].Trim();
        consumed = k + 1;
        return true;
    }

    /// <summary>Refuses output URLs whose scheme is not http, https or mailto (after decoding entities and escapes).</summary>
    private static void CheckUrl(string url, int lineNumber)
    {
        var decoded = DecodeUrl(url);
        if (decoded.Length == 0)
        {
            return; // "[lesswrong post coming soon]()" — an output without a link yet.
        }

        var scheme = SchemeRegex().Match(decoded);
        if (!scheme.Success)
        {
            throw new ReadmeFormatException(lineNumber, $"the link \"{url}\" has no http, https or mailto scheme.");
        }

        if (!AllowedSchemes.Contains(scheme.Groups[1].Value.ToLowerInvariant()))
        {
            throw new ReadmeFormatException(lineNumber, $"the link \"{url}\" uses the scheme \"{scheme.Groups[1].Value}:\"; only http, https and mailto links are allowed.");
        }
    }

    private static string DecodeUrl(string url)
    {
        var s = url;
        if (s.StartsWith('<') && s.EndsWith('>'))
        {
            s = s[1..^1];
        }

        // Markdown backslash escapes, then HTML entities (repeatedly, for double encoding), then percent-encoding.
        s = BackslashEscapeRegex().Replace(s, "$1");
        for (var round = 0; round < 3; round++)
        {
            var next = WebUtility.HtmlDecode(s);
            try
            {
                next = Uri.UnescapeDataString(next);
            }
            catch (UriFormatException)
            {
                // Keep the entity-decoded text.
            }

            if (next == s)
            {
                break;
            }

            s = next;
        }

        // Browsers ignore whitespace and control characters inside a URL's scheme.
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && c != '\u200B' && c != '\uFEFF')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string JoinBlock(List<string> lines, int start, int end)
    {
        while (start < end && IsBlank(lines[start]))
        {
            start++;
        }

        while (end > start && IsBlank(lines[end - 1]))
        {
            end--;
        }

        return start >= end ? "" : string.Join('\n', lines.GetRange(start, end - start)).Trim();
    }

    private static bool IsBlank(string line) => string.IsNullOrWhiteSpace(line);

    private static string CollapseWhitespace(string s) => WhitespaceRegex().Replace(s, " ");

    private readonly record struct Fence(char Char, int Length)
    {
        public string Marker => new(Char, Length);

        public static bool TryOpen(string line, out Fence fence)
        {
            fence = default;
            var trimmed = line.TrimStart(' ');
            if (line.Length - trimmed.Length > 3 || trimmed.Length < 3 || trimmed[0] is not ('`' or '~'))
            {
                return false;
            }

            var c = trimmed[0];
            var length = 0;
            while (length < trimmed.Length && trimmed[length] == c)
            {
                length++;
            }

            if (length < 3 || (c == '`' && trimmed[length..].Contains('`', StringComparison.Ordinal)))
            {
                return false;
            }

            fence = new Fence(c, length);
            return true;
        }

        public bool IsClosedBy(string line)
        {
            var trimmed = line.Trim();
            var indent = line.Length - line.TrimStart(' ').Length;
            var fenceChar = Char;
            return indent <= 3 && trimmed.Length >= Length && trimmed.All(ch => ch == fenceChar);
        }
    }

    [GeneratedRegex(@"^\s{0,3}Researched by(?:\s+(?<names>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResearchedByRegex();

    [GeneratedRegex(@",|&|\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NameSeparatorRegex();

    [GeneratedRegex(@"^\s{0,3}####[ \t]+(?<text>summary.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SummaryHeadingRegex();

    [GeneratedRegex(@"^(?:https?://|mailto:)\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareUrlRegex();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]*):")]
    private static partial Regex SchemeRegex();

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex BackslashEscapeRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
