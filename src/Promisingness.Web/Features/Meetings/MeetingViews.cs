using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;

namespace Promisingness.Web.Features.Meetings;

public sealed record MeetingCard(string Slug, string Title, DateOnly Date, Visibility Visibility, int Attendees, int OpenActionItems, int ActionItems);

public sealed record ActionItemView(int Id, string Text, string? OwnerName, string? OwnerSlug, DateOnly? Due, bool Done);

public sealed record MeetingView(
    int EntryId,
    string Slug,
    string Title,
    DateOnly Date,
    Visibility Visibility,
    IReadOnlyList<PersonLink> Attendees,
    string AgendaHtml,
    string NotesHtml,
    string DecisionsHtml,
    IReadOnlyList<ActionItemView> ActionItems,
    int RevisionNumber,
    DateTimeOffset UpdatedAt);
