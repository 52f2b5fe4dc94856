using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Meetings;

/// <summary>Moves a meeting's fields between the editor's input, the entry's rows and a revision's record.</summary>
public static class MeetingFieldWriter
{
    public static async Task ApplyAsync(WikiDbContext db, Entry entry, MeetingInput? input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (entry.Kind != EntryKind.Meeting)
        {
            return;
        }
        entry.Meeting ??= new Meeting { Date = DateOnly.FromDateTime(now.UtcDateTime) };
        if (input is null)
        {
            return;
        }
        entry.Meeting.Date = input.Date;
        entry.Meeting.AgendaMarkdown = input.Agenda ?? "";
        entry.Meeting.DecisionsMarkdown = input.Decisions ?? "";

        var wanted = input.AttendeeMemberIds.Concat(input.ActionItems.Select(a => a.OwnerMemberId ?? 0)).Distinct().ToList();
        var members = await db.Members.Where(m => wanted.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var attendees = input.AttendeeMemberIds.Where(members.ContainsKey).Distinct().ToHashSet();
        entry.Attendees.RemoveAll(a => !attendees.Contains(a.MemberId));
        foreach (var id in attendees.Where(id => !entry.Attendees.Any(a => a.MemberId == id)))
        {
            entry.Attendees.Add(new MeetingAttendee { MemberId = id, Member = members[id] });
        }

        // Items are matched by position, as the form lists them; rows beyond the new list go.
        var rows = entry.ActionItems.OrderBy(a => a.Position).ToList();
        for (var i = 0; i < input.ActionItems.Count; i++)
        {
            var item = input.ActionItems[i];
            var row = i < rows.Count ? rows[i] : null;
            if (row is null)
            {
                row = new ActionItem { Text = "" };
                entry.ActionItems.Add(row);
            }
            row.Position = i;
            row.Text = item.Text.Trim();
            row.OwnerMemberId = item.OwnerMemberId is { } owner && members.ContainsKey(owner) ? owner : null;
            row.Owner = row.OwnerMemberId is { } o ? members[o] : null;
            row.DueDate = item.DueDate;
            row.DoneAt = item.Done ? row.DoneAt ?? now : null;
            row.Done = item.Done;
        }
        foreach (var row in rows.Skip(input.ActionItems.Count))
        {
            entry.ActionItems.Remove(row);
        }
    }

    public static MeetingInput InputOf(Entry entry) => new(
        entry.Meeting?.Date ?? DateOnly.MinValue,
        [.. entry.Attendees.Select(a => a.MemberId)],
        entry.Meeting?.AgendaMarkdown ?? "",
        entry.Meeting?.DecisionsMarkdown ?? "",
        [.. entry.ActionItems.OrderBy(a => a.Position).Select(a => new ActionItemInput(a.Text, a.OwnerMemberId, a.DueDate, a.Done))]);

    /// <summary>A revision's meeting fields as input again, for a restore; people no longer known are left out.</summary>
    public static async Task<MeetingInput?> InputFromRevisionAsync(WikiDbContext db, EntryFields fields, CancellationToken cancellationToken)
    {
        if (fields.Meeting is not { } meeting)
        {
            return null;
        }
        var slugs = meeting.Attendees.Concat(meeting.ActionItems.Select(a => a.Owner ?? "")).Distinct().ToList();
        var ids = await db.Members.Where(m => slugs.Contains(m.Slug)).ToDictionaryAsync(m => m.Slug, m => m.Id, cancellationToken);
        return new MeetingInput(
            meeting.Date,
            [.. meeting.Attendees.Where(ids.ContainsKey).Select(s => ids[s])],
            meeting.Agenda,
            meeting.Decisions,
            [.. meeting.ActionItems.Select(a => new ActionItemInput(a.Text, a.Owner is { } o && ids.TryGetValue(o, out var id) ? id : null, a.Due, a.Done))]);
    }

    /// <summary>The default title of a meeting's notes: "Weekly meeting, 26 Nov 2026".</summary>
    public static string DefaultTitle(DateOnly date) => $"Weekly meeting, {date.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
}
