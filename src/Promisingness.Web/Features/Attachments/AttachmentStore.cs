using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Attachments;

/// <summary>Takes uploads (who may, which bytes) and answers which file a reader may fetch.</summary>
public sealed class AttachmentStore(IDbContextFactory<WikiDbContext> dbFactory, Audit audit, AttachmentSettings settings, WriteRateLimit rateLimit, TimeProvider clock)
{
    public const string Accepted = "PNG, JPEG, GIF, WebP, PDF, CSV or plain text";

    /// <summary>An upload's outcome: the stored attachment, or why not (with the HTTP status that says so).</summary>
    public sealed record Upload(Attachment? Attachment, string? Problem, int Status)
    {
        public static Upload Refused(string problem, int status = StatusCodes.Status400BadRequest) => new(null, problem, status);
    }

    /// <summary>A file a reader may fetch, and whether anyone may (so that it may be cached by anyone).</summary>
    public sealed record Readable(string Hash, string FileName, string ContentType, bool Public);

    /// <summary>Stores <paramref name="bytes"/> for the entry at <paramref name="slug"/>, when <paramref name="user"/> may edit it.</summary>
    public async Task<Upload> UploadAsync(WikiUser user, string slug, string? fileName, byte[] bytes, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entryId = await db.Entries.Where(e => e.Slug == slug).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);
        var facts = entryId is { } id ? await EntryAccess.FactsAsync(db, id, cancellationToken) : null;
        if (facts is null || !EntryPermissions.Can(user, EntryOperation.Read, facts))
        {
            return Upload.Refused("There is no such entry.", StatusCodes.Status404NotFound);
        }
        if (!EntryPermissions.Can(user, EntryOperation.Edit, facts))
        {
            return Upload.Refused("You may not edit this entry, so you may not add files to it.", StatusCodes.Status403Forbidden);
        }
        if (Check(bytes, fileName) is { } refused)
        {
            return refused;
        }
        // An upload counts as a write: a script in a stolen session cannot fill the database 20 MB at a time.
        if (rateLimit.Refusal(user.Id) is not null)
        {
            return Upload.Refused("You are adding files very fast; wait a few seconds, then try again. This file was not added.", StatusCodes.Status429TooManyRequests);
        }
        var kind = FileKind.Sniff(bytes, fileName ?? "")!;
        int? width = null, height = null;
        if (kind.IsImage)
        {
            var (image, problem) = ImageReencoder.Reencode(bytes, kind);
            if (image is null)
            {
                return Upload.Refused(problem!);
            }
            (bytes, kind, width, height) = (image.Bytes, image.Kind, image.Width, image.Height);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var attachment = new Attachment
        {
            EntryId = entryId!.Value,
            BlobHash = hash,
            FileName = AttachmentNames.Clean(fileName, kind),
            ContentType = kind.ContentType,
            Size = bytes.Length,
            Width = width,
            Height = height,
            UploadedByUserId = user.Id,
            UploadedByName = user.Name,
            UploadedAt = clock.GetUtcNow(),
        };
        return new Upload(await StoreAsync(db, attachment, bytes, user, cancellationToken), null, StatusCodes.Status200OK);
    }

    /// <summary>Why these bytes are refused before anything is decoded, or null.</summary>
    public Upload? Check(byte[] bytes, string? fileName)
    {
        if (bytes.Length == 0)
        {
            return Upload.Refused("This file is empty.");
        }
        if (bytes.Length > settings.MaxBytes)
        {
            return Upload.Refused(TooLarge(bytes.Length), StatusCodes.Status413PayloadTooLarge);
        }
        return FileKind.Sniff(bytes, fileName ?? "") is null
            ? Upload.Refused($"This kind of file is not accepted: the wiki takes {Accepted} (decided from the file's contents, not its name; SVG and HTML are refused).", StatusCodes.Status415UnsupportedMediaType)
            : null;
    }

    public string TooLarge(long size) =>
        $"This file is {size / (1024.0 * 1024.0):0.#} MB; the wiki takes files of at most {settings.MaxBytes / (1024 * 1024)} MB.";

    /// <summary>
    /// Adds the blob unless the same bytes are stored already, and the attachment unless the entry has these bytes already
    /// (then the existing one is the answer). Two uploads of the same new bytes at once: the loser finds the winner's blob.
    /// </summary>
    private async Task<Attachment> StoreAsync(WikiDbContext db, Attachment attachment, byte[] bytes, WikiUser user, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.EntryId == attachment.EntryId && a.BlobHash == attachment.BlobHash, cancellationToken) is { } existing)
            {
                return existing;
            }
            if (!await db.AttachmentBlobs.AnyAsync(b => b.Hash == attachment.BlobHash, cancellationToken))
            {
                db.AttachmentBlobs.Add(new AttachmentBlob { Hash = attachment.BlobHash, ContentType = attachment.ContentType, Size = bytes.Length, Content = bytes });
            }
            db.Attachments.Add(attachment);
            audit.Add(db, user, AuditActions.FileUploaded, $"{attachment.FileName} ({attachment.ContentType}, {attachment.Size:N0} bytes)", entryId: attachment.EntryId);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return attachment;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                attachment.Id = 0;
            }
        }
    }

    /// <summary>
    /// The file with this hash when <paramref name="reader"/> may read an entry it is attached to now, preferring the
    /// attachment uploaded under <paramref name="name"/>; null otherwise, exactly as when there is no such file.
    /// </summary>
    public async Task<Readable?> FindAsync(string hash, string name, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var readableEntries = db.Entries.ReadableBy(reader).Select(e => e.Id);
        var rows = await db.Attachments.Where(a => a.BlobHash == hash && readableEntries.Contains(a.EntryId))
            .OrderBy(a => a.Id)
            .Select(a => new { a.FileName, a.ContentType, Public = a.Entry!.Visibility == Visibility.Public })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }
        var chosen = rows.FirstOrDefault(r => r.FileName == name) ?? rows[0];
        return new Readable(hash, chosen.FileName, chosen.ContentType, rows.Any(r => r.Public));
    }

    /// <summary>The bytes of a blob; ask only after <see cref="FindAsync"/> said the reader may have them.</summary>
    public async Task<byte[]> ContentAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AttachmentBlobs.Where(b => b.Hash == hash).Select(b => b.Content).FirstAsync(cancellationToken);
    }

    /// <summary>The address of an attachment's file: changes when the bytes do, so it may be cached for good.</summary>
    public static string UrlOf(Attachment attachment) => UrlOf(attachment.BlobHash, attachment.FileName);

    public static string UrlOf(string hash, string fileName) => $"/files/{hash}/{Uri.EscapeDataString(fileName)}";
}
