namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>
/// A README, parsed into the parts of the seed's format; any part may be missing. Equality is structural:
/// two documents are equal when every field and every list element is equal, in order. The Title is the text
/// of the leading <c># Title</c> (empty when the README has none); the Description is everything between the
/// title and the first <c>## </c> section, as written: the home page's text.
/// </summary>
public sealed record ReadmeDocument(
    string Title,
    string Description,
    IReadOnlyList<ReadmeTeamLine> Team,
    IReadOnlyList<ReadmePage> Pages,
    string QuestionsHeading,
    IReadOnlyList<string> Questions,
    IReadOnlyList<ReadmeTopic> Topics)
{
    /// <summary>
    /// The Team Members section as written (heading included), when the seed's form of the same team
    /// would render differently; null when the writer's own form is what the README had.
    /// </summary>
    public string? TeamSection { get; init; }

    /// <summary>Where the Team Members section stands among the sections (see <see cref="ReadmePage.At"/>).</summary>
    public int TeamAt { get; init; }

    /// <summary>Where the questions section stands among the sections (see <see cref="ReadmePage.At"/>).</summary>
    public int QuestionsAt { get; init; }

    /// <summary>Every team member, in README order (first occurrence of each name).</summary>
    public IEnumerable<string> TeamMembers => Team.SelectMany(line => line.Names);

    public bool Equals(ReadmeDocument? other) =>
        other is not null
        && Title == other.Title
        && Description == other.Description
        && Team.SequenceEqual(other.Team)
        && Pages.SequenceEqual(other.Pages)
        && QuestionsHeading == other.QuestionsHeading
        && Questions.SequenceEqual(other.Questions)
        && Topics.SequenceEqual(other.Topics)
        && TeamSection == other.TeamSection
        && TeamAt == other.TeamAt
        && QuestionsAt == other.QuestionsAt;

    public override int GetHashCode() => HashCode.Combine(Title, Description, QuestionsHeading, Team.Count, Topics.Count);
}

/// <summary>One line of the Team Members block, e.g. <c>MARS: Alfie Lamerton, Tim Chan</c>.</summary>
public sealed record ReadmeTeamLine(string Label, IReadOnlyList<string> Names)
{
    public bool Equals(ReadmeTeamLine? other) =>
        other is not null && Label == other.Label && Names.SequenceEqual(other.Names);

    public override int GetHashCode() => HashCode.Combine(Label, Names.Count);
}

/// <summary>A free page such as <c>## Background</c>, <c>## Goal:</c> or any section that is not a topic.</summary>
public sealed record ReadmePage(string Heading, string Body)
{
    /// <summary>
    /// The section's place in the README (1 for the first <c>## </c> section). The writer writes the sections
    /// in this order; sections with equal places keep the seed's order (team, pages, questions, topics).
    /// </summary>
    public int At { get; init; }
}

/// <summary>A research topic section.</summary>
public sealed record ReadmeTopic(string Heading, IReadOnlyList<string> Researchers, string Body, IReadOnlyList<ReadmeOutput> Outputs)
{
    /// <summary>See <see cref="ReadmePage.At"/>.</summary>
    public int At { get; init; }

    /// <summary>
    /// The "Researched by" line as written, when it is not the writer's own "Researched by A, B and C"
    /// (e.g. "Researched by A &amp; B."); null otherwise.
    /// </summary>
    public string? Byline { get; init; }

    /// <summary>
    /// The body's first lines continue the "Researched by" paragraph (no blank line between them), as in
    /// "Researched by A" followed on the next line by "(LessWrong post coming soon)".
    /// </summary>
    public bool BodyJoinsByline { get; init; }

    public bool Equals(ReadmeTopic? other) =>
        other is not null
        && Heading == other.Heading
        && Researchers.SequenceEqual(other.Researchers)
        && Body == other.Body
        && Outputs.SequenceEqual(other.Outputs)
        && At == other.At
        && Byline == other.Byline
        && BodyJoinsByline == other.BodyJoinsByline;

    public override int GetHashCode() => HashCode.Combine(Heading, Body, Researchers.Count, Outputs.Count);
}

/// <summary>
/// One output bullet of a topic: <c>* [Title](Url){LinkNote}</c> (or a bare URL, Title null),
/// followed by an optional <c>#### {SummaryHeading}</c> and the summary Markdown.
/// </summary>
public sealed record ReadmeOutput(string? Title, string Url, string LinkNote, string? SummaryHeading, string Summary);

/// <summary>The file is not a README (or carries an unsafe link). <see cref="Line"/> is 1-based.</summary>
public sealed class ReadmeFormatException(int line, string message)
    : Exception($"Line {line}: {message}")
{
    public int Line { get; } = line;

    /// <summary>The description of the problem without the "Line N: " prefix.</summary>
    public string Problem { get; } = message;
}
