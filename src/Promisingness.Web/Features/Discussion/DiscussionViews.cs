namespace Promisingness.Web.Features.Discussion;

public sealed record CommentView(int Id, int? ParentId, string AuthorName, string? AssistantName, string AuthorUserId, string Html, string Markdown, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted)
{
    /// <summary>Who to credit: the author, or the assistant for the author.</summary>
    public string Credit => Entries.Author.Credit(AuthorName, AssistantName);
}

public sealed record ThreadView(
    int Id,
    string? Quote,
    string? QuotePrefix,
    string? QuoteSuffix,
    int RevisionNumber,
    bool Outdated,
    string OpenedByName,
    string OpenedByUserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedByName,
    IReadOnlyList<CommentView> Comments,
    bool MayResolve,
    int? SuggestionId = null);

/// <summary>A passage selected in the rendered entry: the quote, a little of what precedes and follows it.</summary>
public sealed record Anchor(string Quote, string Prefix, string Suffix);

/// <summary>Null error: done (with the new thread's or comment's id). Otherwise what to tell the user; nothing changed.</summary>
public sealed record DiscussionOutcome(int? Id, string? Error)
{
    public static DiscussionOutcome Done(int id) => new(id, null);

    public static DiscussionOutcome Refused(string message) => new(null, message);
}
