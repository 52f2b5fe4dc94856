namespace Promisingness.Web.Data;

/// <summary>
/// A discussion about an entry, under it or anchored to a passage. The anchor keeps the quoted text with a
/// little context and the revision it was made on, so a thread whose passage is gone shows as outdated.
/// </summary>
public sealed class CommentThread
{
    public const int QuoteMaxLength = 1000;
    public const int ContextMaxLength = 100;

    public int Id { get; set; }
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public int RevisionNumber { get; set; }
    public string? Quote { get; set; }
    public string? QuotePrefix { get; set; }
    public string? QuoteSuffix { get; set; }

    /// <summary>The suggested edit this discussion is about, if any (a suggestion is never deleted, so no foreign key).</summary>
    public int? SuggestionId { get; set; }

    public required string OpenedByUserId { get; set; }
    public required string OpenedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedByName { get; set; }
    public List<Comment> Comments { get; set; } = [];
}

public sealed class Comment
{
    public const int BodyMaxLength = 20_000;

    public int Id { get; set; }
    public int ThreadId { get; set; }
    public CommentThread? Thread { get; set; }

    /// <summary>The comment this one answers, for replies within a thread.</summary>
    public int? ParentId { get; set; }

    public required string AuthorUserId { get; set; }
    public required string AuthorName { get; set; }

    /// <summary>The assistant that wrote it for its author through an assistant token ("by Claude for Severin Field"); null when the author wrote it.</summary>
    public string? AssistantName { get; set; }

    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>A deleted comment keeps its row so replies stay in place; its text is cleared.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
