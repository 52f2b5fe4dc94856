namespace Promisingness.Web.Data;

/// <summary>One immutable save of an entry: rows are appended, never updated or deleted.</summary>
public sealed class Revision
{
    public int Id { get; set; }
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public int Number { get; set; }
    public int? BaseNumber { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public Visibility Visibility { get; set; }
    public EntryStatus Status { get; set; }
    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";

    /// <summary>The kind-specific fields at this revision (a topic's researchers and outputs), as JSON.</summary>
    public string FieldsJson { get; set; } = "{}";

    public required string AuthorName { get; set; }
    public string? AuthorUserId { get; set; }
    public int? AuthorProgramId { get; set; }

    /// <summary>The assistant that wrote this revision for its author through an assistant token; null when the author wrote it.</summary>
    public string? AssistantName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string EditNote { get; set; } = "";

    /// <summary>
    /// The suggestion whose accepted changes this revision is: its suggester is credited beside the author, who accepted them.
    /// Not a foreign key: adding one to an existing table makes SQLite rebuild it, and Revisions is the largest.
    /// </summary>
    public int? SuggestionId { get; set; }
}
