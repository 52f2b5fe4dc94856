namespace Promisingness.Web.Data;

/// <summary>A tag on an entry, in its normalised form ("scalable-oversight").</summary>
public sealed class EntryTag
{
    public const int MaxLength = 40;

    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public required string Name { get; set; }
}
