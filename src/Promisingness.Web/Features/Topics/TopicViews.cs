using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Topics;

public sealed record PersonLink(string Name, string Slug, string? ProgramCode, MemberRole Role);

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
