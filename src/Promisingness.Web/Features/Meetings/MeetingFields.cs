using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Meetings;

/// <summary>A meeting's own fields in the save path: its date, attendees, agenda, decisions and action items.</summary>
public sealed class MeetingFields : IEntryKindFields
{
    public EntryKind Kind => EntryKind.Meeting;

    public Task ApplyAsync(WikiDbContext db, Entry entry, EntryInput input, DateTimeOffset now, CancellationToken cancellationToken) =>
        MeetingFieldWriter.ApplyAsync(db, entry, input.Meeting, now, cancellationToken);

    public EntryInput Read(Entry entry, EntryInput common) => common with { Meeting = MeetingFieldWriter.InputOf(entry) };

    /// <summary>Today's meeting, with the note-taker attending and the open action items carried over.</summary>
    public async Task<EntryInput> BlankAsync(WikiDbContext db, WikiUser? user, EntryInput common, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var meeting = new MeetingInput(today, user?.MemberId is { } attendee ? [attendee] : [], await MeetingAgenda.RollOverAsync(db, user, cancellationToken), "", []);
        // Meetings are the whole team's: shared, not owned by the note-taker's program.
        return common with { Title = MeetingFieldWriter.DefaultTitle(today), ProgramId = null, Meeting = meeting };
    }

    public async Task<EntryInput> FromRevisionAsync(WikiDbContext db, EntryFields fields, EntryInput common, CancellationToken cancellationToken) =>
        common with { Meeting = await MeetingFieldWriter.InputFromRevisionAsync(db, fields, cancellationToken) };
}
