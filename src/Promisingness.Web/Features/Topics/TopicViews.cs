using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Topics;

public sealed record PersonLink(string Name, string Slug, string? ProgramCode, MemberRole Role);

/// <summary>A link to a topic, e.g. from a person's card or a summary; made only for a reader who may read the topic.</summary>
public sealed record TopicLink(string Slug, string Title);

public sealed record TopicCard(string Slug, string Title, IReadOnlyList<PersonLink> Researchers, IReadOnlyList<OutputStatus> Outputs, bool Removed);

public sealed record OutputView(string? Title, string Url, OutputStatus Status, string SummaryHtml);

public sealed record TopicView(
    string Slug,
    string Title,
    string BodyHtml,
    string Excerpt,
    IReadOnlyList<PersonLink> Researchers,
    IReadOnlyList<OutputView> Outputs,
    bool Removed,
    int RevisionNumber,
    DateTimeOffset UpdatedAt);
