using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>What the editor opens with: the entry's current values and what this user may do with them.</summary>
public sealed record EditSession(
    int EntryId,
    EntryKind Kind,
    string Slug,
    string Title,
    string Body,
    Visibility Visibility,
    int? ProgramId,
    int RevisionNumber,
    bool MayPublish,
    string? Refusal,
    TopicInput? Topic = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<int>? LinkedTopicIds = null,
    MeetingInput? Meeting = null,
    SummaryInput? Summary = null);
