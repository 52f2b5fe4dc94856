using Promisingness.Web.Data;

namespace Promisingness.Web.Security;

/// <summary>What the rules need to know about an entry: its owner, visibility, authors and listed researchers.</summary>
public sealed record EntryAccessFacts(
    Visibility Visibility,
    int? OwningProgramId,
    IReadOnlySet<string> AuthorUserIds,
    IReadOnlySet<int> ResearcherMemberIds)
{
    public static EntryAccessFacts NewEntry(int? programId) => new(Visibility.Draft, programId, new HashSet<string>(), new HashSet<int>());
}
