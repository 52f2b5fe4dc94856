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

public sealed record RevisionItem(int Number, string Title, string AuthorName, string? AuthorProgram, DateTimeOffset CreatedAt, string EditNote);

public sealed record SearchItem(EntryKind Kind, string Title, string Snippet, string? Program, Visibility Visibility, string Url);

public sealed record ThreadItem(int Id, string? Quote, bool Outdated, string OpenedBy, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, IReadOnlyList<CommentItem> Comments);

public sealed record CommentItem(int Id, int? ParentId, string Author, string BodyMarkdown, string BodyHtml, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted);

/// <summary>A comment to post: a new discussion on the entry, or, with <see cref="ThreadId"/>, a reply in one (to <see cref="ReplyTo"/>).</summary>
public sealed record NewComment(string Text, int? ThreadId = null, int? ReplyTo = null);

/// <summary>Where the posted comment is: its discussion, and its own id when it is a reply.</summary>
public sealed record PostedComment(int ThreadId, int? CommentId);
