using Promisingness.Web.Data;

namespace Promisingness.Web.Security;

/// <summary>
/// The read rule of EntryPermissions as a query filter, for lists: anonymous visitors see Public
/// entries, members Team ones too, and Drafts only mentors, admins, authors and listed researchers (and the person a summary is about).
/// </summary>
public static class ReadAccess
{
    public static IQueryable<Entry> ReadableBy(this IQueryable<Entry> entries, WikiUser? reader)
    {
        if (reader is null || reader.Locked)
        {
            return entries.Where(e => e.Visibility == Visibility.Public);
        }
        if (reader.SeesEverything)
        {
            return entries;
        }
        var userId = reader.Id;
        var memberId = reader.MemberId ?? -1;
        return entries.Where(e =>
            e.Visibility != Visibility.Draft
            || e.Revisions.Any(r => r.AuthorUserId == userId)
            || e.Researchers.Any(r => r.MemberId == memberId)
            || (e.Summary != null && e.Summary.AuthorMemberId == memberId));
    }
}
