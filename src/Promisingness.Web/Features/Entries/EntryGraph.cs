using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries;

/// <summary>Loading an entry with every row its revision records, so a snapshot sees all of its fields.</summary>
public static class EntryGraph
{
    public static IQueryable<Entry> WithFields(this IQueryable<Entry> entries) => entries
        .Include(e => e.Researchers).ThenInclude(r => r.Member)
        .Include(e => e.Outputs)
        .Include(e => e.Tags)
        .Include(e => e.LinkedTopics)
        .Include(e => e.Meeting)
        .Include(e => e.Attendees).ThenInclude(a => a.Member)
        .Include(e => e.ActionItems).ThenInclude(a => a.Owner)
        .Include(e => e.Summary).ThenInclude(s => s!.AuthorMember)
        .AsSplitQuery();
}
