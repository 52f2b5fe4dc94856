namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>
/// The seed README, parsed into its parts. Equality is structural: two documents are equal
/// when every field and every list element is equal, in order.
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
        && Topics.SequenceEqual(other.Topics);

    public override int GetHashCode() => HashCode.Combine(Title, Description, QuestionsHeading, Team.Count, Topics.Count);
}

/// <summary>One line of the Team Members block, e.g. <c>MARS: Alfie Lamerton, Tim Chan</c>.</summary>
public sealed record ReadmeTeamLine(string Label, IReadOnlyList<string> Names)
{
    public bool Equals(ReadmeTeamLine? other) =>
        other is not null && Label == other.Label && Names.SequenceEqual(other.Names);

    public override int GetHashCode() => HashCode.Combine(Label, Names.Count);
}

/// <summary>A free page such as <c>## Background</c> or <c>## Goal:</c>.</summary>
public sealed record ReadmePage(string Heading, string Body);

/// <summary>A research topic section.</summary>
public sealed record ReadmeTopic(string Heading, IReadOnlyList<string> Researchers, string Body, IReadOnlyList<ReadmeOutput> Outputs)
{
    public bool Equals(ReadmeTopic? other) =>
        other is not null
        && Heading == other.Heading
        && Researchers.SequenceEqual(other.Researchers)
        && Body == other.Body
        && Outputs.SequenceEqual(other.Outputs);

    public override int GetHashCode() => HashCode.Combine(Heading, Body, Researchers.Count, Outputs.Count);
}

/// <summary>
/// One output bullet of a topic: <c>* [Title](Url){LinkNote}</c> (or a bare URL, Title null),
/// followed by an optional <c>#### {SummaryHeading}</c> and the summary Markdown.
/// </summary>
public sealed record ReadmeOutput(string? Title, string Url, string LinkNote, string? SummaryHeading, string Summary);

/// <summary>The README is not in the expected format. <see cref="Line"/> is 1-based.</summary>
public sealed class ReadmeFormatException(int line, string message)
    : Exception($"Line {line}: {message}")
{
    public int Line { get; } = line;

    /// <summary>The description of the problem without the "Line N: " prefix.</summary>
    public string Problem { get; } = message;
}
