using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;

namespace Promisingness.Web.Features.Summaries;

public sealed record SummaryCard(
    string Slug,
    string Title,
    IsoWeek Week,
    TopicLink? Topic,
    PersonLink Author,
    ReviewState State,
    Visibility Visibility,
    bool Mine,
    string Excerpt);

/// <summary>Some weeks of summaries; Older is the week to go on from, if there are older ones.</summary>
public sealed record SummaryWeeks(IReadOnlyList<SummaryCard> Cards, IsoWeek? Older);

public sealed record ReviewStepView(int RevisionNumber, ReviewAction Action, string ActorName, DateTimeOffset At, string Note);

public sealed record SummaryView(
    int EntryId,
    string Slug,
    string Title,
    IsoWeek Week,
    TopicLink? Topic,
    PersonLink Author,
    string BodyHtml,
    ReviewState State,
    DateTimeOffset StateSince,
    int? ApprovedRevisionNumber,
    int RevisionNumber,
    Visibility Visibility,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ReviewStepView>? Steps)
{
    /// <summary>The step that gave the approval the summary stands on, if any.</summary>
    public ReviewStepView? Approval => Steps?.LastOrDefault(s => s.Action == ReviewAction.Approved && s.RevisionNumber == ApprovedRevisionNumber);
}

/// <summary>One of a person's summaries in a week view; Slug and Title are null when the reader may not open it.</summary>
public sealed record WeekSummaryItem(string? Slug, string? Title, string? TopicTitle, ReviewState State, bool Public);

public sealed record WeekPerson(PersonLink Person, IReadOnlyList<WeekSummaryItem> Summaries)
{
    /// <summary>Where the person stands this week: not written, writing, in review, changes requested, approved.</summary>
    public WeekStanding Standing => Summaries.Count == 0 ? WeekStanding.NotWritten
        : Summaries.Any(s => s.State is ReviewState.Submitted or ReviewState.NeedsReReview) ? WeekStanding.InReview
        : Summaries.Any(s => s.State == ReviewState.ChangesRequested) ? WeekStanding.ChangesRequested
        : Summaries.Any(s => s.State == ReviewState.Draft) ? WeekStanding.Writing
        : WeekStanding.Approved;
}

public enum WeekStanding { NotWritten, Writing, InReview, ChangesRequested, Approved }

public sealed record WeekGroup(string Name, string? ProgramCode, IReadOnlyList<WeekPerson> People);

public sealed record WeekView(IsoWeek Week, IReadOnlyList<WeekGroup> Groups);
