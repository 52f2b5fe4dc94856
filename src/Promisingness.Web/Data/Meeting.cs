namespace Promisingness.Web.Data;

/// <summary>A weekly meeting's own fields; the entry's body holds its notes.</summary>
public sealed class Meeting
{
    public const int ActionTextMaxLength = 500;

    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public DateOnly Date { get; set; }
    public string AgendaMarkdown { get; set; } = "";
    public string AgendaHtml { get; set; } = "";
    public string DecisionsMarkdown { get; set; } = "";
    public string DecisionsHtml { get; set; } = "";
}

public sealed class MeetingAttendee
{
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public int MemberId { get; set; }
    public Member? Member { get; set; }
}

/// <summary>Something a meeting decided someone should do; open items roll over to the next agenda.</summary>
public sealed class ActionItem
{
    public int Id { get; set; }
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public int? OwnerMemberId { get; set; }
    public Member? Owner { get; set; }
    public DateOnly? DueDate { get; set; }
    public bool Done { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
}
