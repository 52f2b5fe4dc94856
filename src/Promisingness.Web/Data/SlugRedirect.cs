namespace Promisingness.Web.Data;

/// <summary>An old slug of a renamed entry, so links made before the rename keep working.</summary>
public sealed class SlugRedirect
{
    public required string Slug { get; set; }
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
}
