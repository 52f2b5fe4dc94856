using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Meetings;
using Promisingness.Web.Features.Summaries;
using Promisingness.Web.Features.Topics;

namespace Promisingness.Web.Features.Editing;

/// <summary>
/// The editor's fields besides the title and the text, as the form edits them. The title and the text stay
/// with the page, since a draft brought back, a conflict's merge and the preview change or read them too.
/// </summary>
public sealed class EntryForm
{
    public Visibility Visibility { get; set; }
    public int? ProgramId { get; set; }
    public string Tags { get; set; } = "";
    public string EditNote { get; set; } = "";
    public IReadOnlyCollection<int> LinkedTopics { get; set; } = [];
    public IReadOnlyCollection<int> Researchers { get; set; } = [];
    public List<TopicFieldsEditor.OutputForm> Outputs { get; set; } = [];
    public MeetingFieldsEditor.MeetingForm Meeting { get; set; } = new();

    /// <summary>Set for a weekly summary only.</summary>
    public SummaryFieldsEditor.SummaryForm? Summary { get; set; }

    /// <summary>From the editor's session; a new weekly summary may start on the week and topic a link chose.</summary>
    public static EntryForm From(EditSession session, string? suggestedWeek, int? suggestedTopic) => new()
    {
        Visibility = session.Visibility,
        ProgramId = session.ProgramId,
        Researchers = session.Topic?.ResearcherMemberIds.ToList() ?? [],
        Tags = string.Join(", ", session.Tags ?? []),
        LinkedTopics = session.LinkedTopicIds?.ToList() ?? [],
        Outputs = [.. (session.Topic?.Outputs ?? []).Select(TopicFieldsEditor.OutputForm.From)],
        Meeting = session.Meeting is { } meeting ? MeetingFieldsEditor.MeetingForm.From(meeting) : new(),
        Summary = session.Summary is { } summary ? SummaryFieldsEditor.SummaryForm.From(summary, suggestedWeek, suggestedTopic) : null,
    };

    public EntryInput ToInput(EntryKind kind, string title, string body)
    {
        var topic = kind == EntryKind.Topic ? new TopicInput([.. Researchers], [.. Outputs.Select(o => o.ToInput())]) : null;
        return new EntryInput(title, body, Visibility, ProgramId, EditNote, topic, TagRules.Parse(Tags),
            kind == EntryKind.Question ? [.. LinkedTopics] : null,
            kind == EntryKind.Meeting ? Meeting.ToInput() : null,
            Summary: Summary?.ToInput());
    }

    /// <summary>What the form itself cannot read (a date the browser sent that is no date), refused before the rules run.</summary>
    public Dictionary<string, string> Unreadable(EntryKind kind) => kind == EntryKind.Meeting ? Meeting.Problems() : [];
}
