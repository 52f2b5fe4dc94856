namespace Promisingness.Web.Data;

/// <summary>
/// Text a person typed and has not saved: kept per person and entry so that a closed tab, a lost
/// connection, a server restart or a refused save loses nothing.
/// </summary>
public sealed class EditDraft
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    /// <summary>The entry being edited, or null for one not created yet (then Kind says what it will be).</summary>
    public int? EntryId { get; set; }
    public Entry? Entry { get; set; }
    public EntryKind? Kind { get; set; }
    public required string Title { get; set; }
    public string Body { get; set; } = "";
    public int BaseRevisionNumber { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}
