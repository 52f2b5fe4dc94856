using Promisingness.Web.Data;

namespace Promisingness.Web.Security;

/// <summary>
/// The one answer to "may this user do this to this entry". Pages, services, endpoints, search, feeds
/// and export all ask it (through EntryAuthorizationHandler or directly); hiding a button is never the check.
/// A null user is an anonymous visitor; a locked user may do nothing an anonymous visitor could not.
/// </summary>
public static class EntryPermissions
{
    public static bool Can(WikiUser? user, EntryOperation operation, EntryAccessFacts entry)
    {
        var member = user is { Locked: false } ? user : null;
        return operation switch
        {
            EntryOperation.Read => CanRead(member, entry),
            EntryOperation.ReadComments or EntryOperation.Comment => member is not null && CanRead(member, entry),
            EntryOperation.Create => member is not null && (member.SeesEverything || entry.OwningProgramId is null || entry.OwningProgramId == member.ProgramId),
            EntryOperation.Edit => member is not null && CanRead(member, entry) && CanEdit(member, entry),
            EntryOperation.MakePublic or EntryOperation.Review => member?.SeesEverything == true,
            _ => false,
        };
    }

    /// <summary>
    /// Whether an entry of this kind may be public at all. Meetings are the team's working notes (agenda, notes,
    /// decisions, action items with owners): members only, whoever asks.
    /// </summary>
    public static bool MayBePublic(EntryKind kind) => kind != EntryKind.Meeting;

    private static bool CanRead(WikiUser? member, EntryAccessFacts entry) => entry.Visibility switch
    {
        Visibility.Public => true,
        Visibility.Team => member is not null,
        _ => member is not null && (member.SeesEverything || IsAuthorOrListed(member, entry)),
    };

    private static bool CanEdit(WikiUser member, EntryAccessFacts entry) =>
        member.SeesEverything
        || entry.OwningProgramId is null
        || entry.OwningProgramId == member.ProgramId
        || IsListed(member, entry);

    private static bool IsAuthorOrListed(WikiUser member, EntryAccessFacts entry) =>
        entry.AuthorUserIds.Contains(member.Id) || IsListed(member, entry);

    private static bool IsListed(WikiUser member, EntryAccessFacts entry) =>
        member.MemberId is { } id && entry.ResearcherMemberIds.Contains(id);
}
