using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Suggestions;

public enum HunkState { Open, Accepted, Rejected, Outdated }

/// <summary>One change as the entry page and the API show it: a small diff, and where it stands.</summary>
public sealed record HunkView(int Index, HunkPart Part, HunkState State, IReadOnlyList<DiffLine> Lines, string? DecidedBy);

/// <summary>
/// A suggestion with its changes rebased on the entry's current revision. <see cref="State"/> is Outdated for an
/// open suggestion none of whose undecided changes still applies.
/// </summary>
public sealed record SuggestionView(
    int Id,
    int EntryId,
    string EntrySlug,
    EntryKind Kind,
    int BaseRevision,
    int CurrentRevision,
    string SuggesterName,
    string? AssistantName,
    DateTimeOffset CreatedAt,
    string Note,
    SuggestionState State,
    IReadOnlyList<HunkView> Hunks,
    bool MayDecide,
    bool MayWithdraw)
{
    public bool IsOpen => State is SuggestionState.Open;

    /// <summary>"Bogdan", or "Claude for Bogdan" when an assistant made it through Bogdan's token.</summary>
    public string By => AssistantName is { } assistant ? $"{assistant} for {SuggesterName}" : SuggesterName;
}

/// <summary>What a suggestion's action answered.</summary>
public abstract record SuggestionResult
{
    /// <summary>Done; <see cref="RevisionNumber"/> is the revision accepted changes became, if any.</summary>
    public sealed record Done(int SuggestionId, int? RevisionNumber = null) : SuggestionResult;

    /// <summary>Field by field: what is wrong with the suggestion. Nothing was kept.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : SuggestionResult;

    /// <summary>Not done; the message says why. <see cref="NotAllowed"/>: the user may not do this at all (rather than not now).</summary>
    public sealed record Refused(string Message, bool NotAllowed = false) : SuggestionResult;

    /// <summary>No suggestion the user may see has this id.</summary>
    public sealed record NotFound : SuggestionResult;
}
