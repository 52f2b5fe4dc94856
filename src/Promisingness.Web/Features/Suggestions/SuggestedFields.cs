using System.Text.Json;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Suggestions;

/// <summary>
/// The editor's fields besides the title and the text, in one form that compares as JSON: lists in order, none
/// missing. A suggestion that leaves them as they were has no change to them to decide.
/// </summary>
public sealed record SuggestedFields(
    Visibility Visibility,
    int? ProgramId,
    IReadOnlyList<string> Tags,
    TopicInput? Topic,
    IReadOnlyList<int> LinkedTopicIds,
    MeetingInput? Meeting,
    SummaryInput? Summary)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SuggestedFields Of(EntryInput input) => new(
        input.Visibility,
        input.ProgramId,
        [.. (input.Tags ?? []).Order(StringComparer.Ordinal)],
        input.Topic,
        [.. (input.LinkedTopicIds ?? []).Order()],
        input.Meeting,
        input.Summary);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SuggestedFields FromJson(string json) => JsonSerializer.Deserialize<SuggestedFields>(json, Json)!;

    /// <summary>What the editor would save: these fields with a title, a text and an edit note.</summary>
    public EntryInput Into(string title, string body, string note) =>
        new(title, body, Visibility, ProgramId, note, Topic, Tags, LinkedTopicIds, Meeting, Summary);

    /// <summary>The editor's input for an entry as it opened in the editor.</summary>
    public static EntryInput InputOf(EditSession session) =>
        new(session.Title, session.Body, session.Visibility, session.ProgramId, "", session.Topic, session.Tags, session.LinkedTopicIds, session.Meeting, session.Summary);
}
