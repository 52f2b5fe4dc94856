namespace Promisingness.Web.Data;

/// <summary>
/// The bytes of an uploaded file, stored once per distinct content and named by their SHA-256, so that the address of
/// a file changes when its bytes do. Kept in the database, not on disk: backups, the JSON archive, PostgreSQL and
/// several instances carry them with the rest (docs/ATTACHMENTS.md).
/// </summary>
public sealed class AttachmentBlob
{
    /// <summary>The SHA-256 of <see cref="Content"/>, as 64 lower-case hex digits.</summary>
    public required string Hash { get; set; }

    /// <summary>Decided from the bytes when they arrived, never from the name or the browser's claim.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>
/// A file uploaded to an entry: who may read the entry may fetch the file. The same bytes uploaded to two entries are
/// two rows over one blob; the same bytes uploaded to one entry twice are one row.
/// </summary>
public sealed class Attachment
{
    public const int FileNameMaxLength = 200;

    public int Id { get; set; }
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public required string BlobHash { get; set; }
    public AttachmentBlob? Blob { get; set; }

    /// <summary>The name it was uploaded with, cleaned (see AttachmentNames): for links and downloads only.</summary>
    public required string FileName { get; set; }

    public required string ContentType { get; set; }
    public long Size { get; set; }

    /// <summary>Pixels, for images; null for other files.</summary>
    public int? Width { get; set; }

    public int? Height { get; set; }
    public required string UploadedByUserId { get; set; }
    public required string UploadedByName { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
