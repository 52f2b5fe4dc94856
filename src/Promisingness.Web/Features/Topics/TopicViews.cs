using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;

namespace Promisingness.Web.Features.Topics;

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
