using System.Text.Json;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries;

/// <summary>The kind-specific fields of an entry as a revision records them.</summary>
public sealed record EntryFields(
    string? ReadmeHeading,
    IReadOnlyList<EntryFields.Researcher> Researchers,
    IReadOnlyList<EntryFields.Output> Outputs,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<int>? LinkedTopicIds = null,
    EntryFields.MeetingFields? Meeting = null,
    EntryFields.SummaryFields? Summary = null)
{
    /// <summary>A researcher by member slug: stable, readable in an export, and known before the row is saved.</summary>
    public sealed record Researcher(string Member, string CreditedAs);

    public sealed record Output(string? Title, string Url, OutputStatus Status, string LinkNote, string? SummaryHeading, string Summary);

    /// <summary>People by member slug, like researchers.</summary>
    public sealed record MeetingFields(DateOnly Date, IReadOnlyList<string> Attendees, string Agenda, string Decisions, IReadOnlyList<ActionItemFields> ActionItems);

    public sealed record ActionItemFields(string Text, string? Owner, DateOnly? Due, bool Done);

    /// <summary>The week and topic are content; the review state is not (it is recorded as review steps).</summary>
    public sealed record SummaryFields(string Week, int? TopicId, string Author);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static EntryFields Of(Entry entry) => new(
        entry.ReadmeHeading,
        [.. entry.Researchers.OrderBy(r => r.Position).Select(r => new Researcher(r.Member?.Slug ?? $"#{r.MemberId}", r.CreditedAs))],
        [.. entry.Outputs.OrderBy(o => o.Position).Select(o => new Output(o.Title, o.Url, o.Status, o.LinkNote, o.SummaryHeading, o.SummaryMarkdown))],
        [.. entry.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)],
        [.. entry.LinkedTopics.Select(t => t.TopicId).Order()],
        entry.Meeting is { } meeting
            ? new MeetingFields(
                meeting.Date,
                [.. entry.Attendees.Select(a => a.Member?.Slug ?? $"#{a.MemberId}").Order(StringComparer.Ordinal)],
                meeting.AgendaMarkdown,
                meeting.DecisionsMarkdown,
                [.. entry.ActionItems.OrderBy(a => a.Position).Select(a => new ActionItemFields(a.Text, a.Owner?.Slug ?? (a.OwnerMemberId is { } o ? $"#{o}" : null), a.DueDate, a.Done))])
            : null,
        entry.Summary is { } summary
            ? new SummaryFields(summary.Week, summary.TopicId, summary.AuthorMember?.Slug ?? $"#{summary.AuthorMemberId}")
            : null);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EntryFields FromJson(string json) =>
        JsonSerializer.Deserialize<EntryFields>(json, Json) ?? new EntryFields(null, [], []);
}
