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
    SummaryInput? Summary = null)
{
    /// <summary>A session on an entry's values as <paramref name="input"/> holds them, its kind's fields included.</summary>
    public static EditSession Of(int entryId, EntryKind kind, string slug, int revisionNumber, bool mayPublish, string? refusal, EntryInput input) =>
        new(entryId, kind, slug, input.Title, input.Body, input.Visibility, input.ProgramId, revisionNumber, mayPublish, refusal,
            input.Topic, input.Tags ?? [], input.LinkedTopicIds ?? [], input.Meeting, input.Summary);
}
