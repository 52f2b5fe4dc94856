using Promisingness.Web.Data;

namespace Promisingness.Web.Security;

/// <summary>What the rules need to know about an entry: its owner, visibility, authors and listed researchers.</summary>
public sealed record EntryAccessFacts(
    Visibility Visibility,
    int? OwningProgramId,
    IReadOnlySet<string> AuthorUserIds,
    IReadOnlySet<int> ResearcherMemberIds)
{
    /// <summary>The stored entry's kind; null for an entry not yet created.</summary>
    public EntryKind? Kind { get; init; }

    public static EntryAccessFacts NewEntry(int? programId) => new(Visibility.Draft, programId, new HashSet<string>(), new HashSet<int>());
}
