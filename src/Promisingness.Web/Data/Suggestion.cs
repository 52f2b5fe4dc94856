namespace Promisingness.Web.Data;

public enum SuggestionState { Open, Accepted, Rejected, PartlyAccepted, Outdated, Withdrawn }

/// <summary>
/// A proposed change to an entry: not a revision, but the title, text and kind's fields a member would have saved,
/// against the revision they started from. Those who may edit the entry accept or reject it change by change
/// (<see cref="SuggestionDecision"/>); an accepted change becomes a revision through the one save path.
/// </summary>
public sealed class Suggestion
{
    public const int NoteMaxLength = 500;

    public int Id { get; set; }
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }

    /// <summary>The revision the suggestion was made on; its changes are found against it, then rebased on the current one.</summary>
    public int BaseRevisionNumber { get; set; }

    public required string SuggesterUserId { get; set; }
    public required string SuggesterName { get; set; }

    /// <summary>The assistant that made it through its member's token ("by Claude for Ada"); null when a person did.</summary>
    public string? AssistantName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string Title { get; set; }
    public string BodyMarkdown { get; set; } = "";

    /// <summary>The kind's fields as the editor holds them (visibility, program, tags, a topic's researchers, …), as JSON.</summary>
    public string FieldsJson { get; set; } = "{}";

    /// <summary>The same fields of the entry at the base revision, as JSON, so that a change to them is one change to decide.</summary>
    public string BaseFieldsJson { get; set; } = "{}";

    /// <summary>What the suggester says about it (the editor's edit note).</summary>
    public string Note { get; set; } = "";

    public SuggestionState State { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<SuggestionDecision> Decisions { get; set; } = [];
}

/// <summary>The decision on one change (hunk) of a suggestion, by someone who may edit the entry.</summary>
public sealed class SuggestionDecision
{
    public int SuggestionId { get; set; }
    public Suggestion? Suggestion { get; set; }

    /// <summary>The change's place among the suggestion's changes against its base revision, which never change.</summary>
    public int Hunk { get; set; }

    public bool Accepted { get; set; }
    public required string DeciderUserId { get; set; }
    public required string DeciderName { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The revision an accepted change became; null for a rejection.</summary>
    public int? RevisionNumber { get; set; }
}
