namespace Promisingness.Web.Data;

/// <summary>A [[wiki link]] from an entry's current text to a slug, kept for backlinks ("linked from").</summary>
public sealed class EntryLink
{
    public int FromEntryId { get; set; }
    public Entry? From { get; set; }
    public required string ToSlug { get; set; }
}
