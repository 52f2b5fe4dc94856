using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;

namespace Promisingness.Web.Features.Api;

/// <summary>A page of a list; <see cref="NextCursor"/> asks for the next one, and is null on the last.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record EntryItem(string Slug, EntryKind Kind, string Title, string? Program, Visibility Visibility, EntryStatus Status, int Revision, DateTimeOffset UpdatedAt, string Url);

/// <summary>An entry with its text and its kind's own fields (a topic's researchers and outputs, a meeting's action items, …).</summary>
public sealed record EntryDetail(
    string Slug, EntryKind Kind, string Title, string? Program, Visibility Visibility, EntryStatus Status, int Revision,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Url, string BodyMarkdown, string BodyHtml, EntryFields Fields);

/// <summary>A revision; <see cref="Assistant"/> names the assistant that wrote it for its author, if one did.</summary>
public sealed record RevisionItem(int Number, string Title, string AuthorName, string? Assistant, string? AuthorProgram, DateTimeOffset CreatedAt, string EditNote);

public sealed record SearchItem(EntryKind Kind, string Title, string Snippet, string? Program, Visibility Visibility, string Url);

public sealed record ThreadItem(int Id, string? Quote, bool Outdated, string OpenedBy, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, IReadOnlyList<CommentItem> Comments);

/// <summary>A comment; <see cref="Assistant"/> names the assistant that wrote it for its author, if one did.</summary>
public sealed record CommentItem(int Id, int? ParentId, string Author, string? Assistant, string BodyMarkdown, string BodyHtml, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted);

/// <summary>A comment to post: a new discussion on the entry, or, with <see cref="ThreadId"/>, a reply in one (to <see cref="ReplyTo"/>).</summary>
public sealed record NewComment(string Text, int? ThreadId = null, int? ReplyTo = null);

/// <summary>A reply to a comment, posted in its discussion.</summary>
public sealed record NewReply(string Text);

/// <summary>Where the posted comment is: its discussion, and its own id when it is a reply.</summary>
public sealed record PostedComment(int ThreadId, int? CommentId);

/// <summary>A question with its estimates: the median of the members' latest, how many gave one, and (for members) whose they are.</summary>
public sealed record QuestionItem(string Slug, string Title, bool RemovedFromReadme, string Url, double? Median, int People, IReadOnlyList<EstimateItem> Estimates);

/// <summary>A member's latest estimate, as a probability from 0 to 1.</summary>
public sealed record EstimateItem(string Member, double Probability, string Rationale, DateTimeOffset At);

/// <summary>A revision in the list of recent changes; <see cref="By"/> is its author, or "assistant for author".</summary>
public sealed record ChangeItem(string Slug, EntryKind Kind, string Title, int Revision, string By, DateTimeOffset At, string EditNote, string Url);

/// <summary>What changed between two revisions, line by line, as a unified diff of the title, the body and the kind's fields.</summary>
public sealed record DiffItem(string Slug, RevisionItem From, RevisionItem To, string Title, string Body, string Fields);

/// <summary>A weekly summary as the summaries page lists it.</summary>
public sealed record SummaryItem(string Slug, string Title, string Week, string? Topic, string Author, ReviewState State, Visibility Visibility, string Excerpt, string Url);
