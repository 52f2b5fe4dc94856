using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>What an editor submits: the form's model, never the EF entity. Topic is set for topics only.</summary>
public sealed record EntryInput(
    string Title,
    string Body,
    Visibility Visibility,
    int? ProgramId,
    string EditNote = "",
    TopicInput? Topic = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<int>? LinkedTopicIds = null,
    MeetingInput? Meeting = null,
    SummaryInput? Summary = null);

/// <summary>A topic's own fields: who researches it and what it produced.</summary>
public sealed record TopicInput(IReadOnlyList<int> ResearcherMemberIds, IReadOnlyList<OutputInput> Outputs);

public sealed record OutputInput(string? Title, string Url, OutputStatus Status, string Summary);

/// <summary>A meeting's own fields; its notes are the entry's body.</summary>
public sealed record MeetingInput(DateOnly Date, IReadOnlyList<int> AttendeeMemberIds, string Agenda, string Decisions, IReadOnlyList<ActionItemInput> ActionItems);

public sealed record ActionItemInput(string Text, int? OwnerMemberId, DateOnly? DueDate, bool Done);

/// <summary>A weekly summary's own fields: whose week (ISO "2026-W48") on which topic.</summary>
public sealed record SummaryInput(string Week, int? TopicId, int AuthorMemberId);

public abstract record SaveResult
{
    public sealed record Saved(int EntryId, string Slug, int RevisionNumber) : SaveResult;

    /// <summary>Nothing differed from the current revision, so nothing was appended.</summary>
    public sealed record Unchanged(int RevisionNumber) : SaveResult;

    /// <summary>
    /// Someone saved in between. Their version, to show beside the editor's own text, which is kept as a
    /// draft; and, when the two edits touch different parts, the automatic merge of both to offer.
    /// </summary>
    public sealed record Conflict(int TheirRevisionNumber, string TheirTitle, string TheirBody, string TheirAuthor, string? MergedTitle = null, string? MergedBody = null) : SaveResult;

    /// <summary>Field by field: what is wrong with the input. Nothing was saved.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : SaveResult;

    /// <summary>The user may not do this; the message says why.</summary>
    public sealed record Refused(string Message) : SaveResult;

    /// <summary>The database refused the write (busy, disk full); nothing was saved. The log holds the reference.</summary>
    public sealed record Failed(string Message, string Reference) : SaveResult;
}
