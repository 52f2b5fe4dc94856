using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Attachments;

/// <summary>One attachment as /admin/files lists it; <see cref="Referred"/> says whether any text still links it.</summary>
public sealed record StoredFile(int Id, string FileName, string ContentType, long Size, string EntryTitle, string EntryUrl,
    string UploadedByName, DateTimeOffset UploadedAt, string Url, bool Referred);

/// <summary>Every attachment, and the space their bytes take (each distinct content counted once, as it is stored).</summary>
public sealed record StoredFiles(IReadOnlyList<StoredFile> Files, long TotalBytes);

public enum FileRemoval { Removed, StillReferred, Gone, NotAllowed }

/// <summary>
/// /admin/files: the attachments, and removing those nothing refers to any longer. Only admins, checked here on the
/// user as the database holds them. Nothing is ever removed on its own.
/// </summary>
public sealed partial class AttachmentHousekeeping(IDbContextFactory<WikiDbContext> dbFactory, WikiUsers users, Audit audit)
{
    // How any text links an uploaded file: "/files/{sha-256}/…", also inside an absolute or a relative address.
    [GeneratedRegex("files/([0-9a-f]{64})", RegexOptions.CultureInvariant)]
    private static partial Regex FileAddress();

    /// <summary>Newest first; null when the reader is not an admin.</summary>
    public async Task<StoredFiles?> ListAsync(string readerUserId, CancellationToken cancellationToken = default)
    {
        if (!await IsAdminAsync(readerUserId, cancellationToken))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Attachments.AsNoTracking()
            .OrderByDescending(a => a.UploadedAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.Id, a.BlobHash, a.FileName, a.ContentType, a.Size, a.Entry!.Title, a.Entry.Kind, a.Entry.Slug, a.UploadedByName, a.UploadedAt })
            .ToListAsync(cancellationToken);
        var referred = await ReferredAsync(db, "files/", cancellationToken);
        var total = await db.AttachmentBlobs.SumAsync(b => (long?)b.Size, cancellationToken) ?? 0;
        return new StoredFiles(
            [.. rows.Select(r => new StoredFile(r.Id, r.FileName, r.ContentType, r.Size, r.Title, EntryUrls.For(r.Kind, r.Slug), r.UploadedByName, r.UploadedAt,
                AttachmentStore.UrlOf(r.BlobHash, r.FileName), referred.Contains(r.BlobHash)))],
            total);
    }

    /// <summary>
    /// Removes the attachment when no text refers to its bytes (checked here, now: a page shown earlier may be stale),
    /// and its bytes when no other attachment shares them; audited.
    /// </summary>
    public async Task<FileRemoval> RemoveAsync(string userId, int attachmentId, CancellationToken cancellationToken = default)
    {
        if (await users.LoadAsync(userId, cancellationToken) is not { IsAdmin: true, Locked: false } admin)
        {
            return FileRemoval.NotAllowed;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Attachments.FirstOrDefaultAsync(a => a.Id == attachmentId, cancellationToken) is not { } attachment)
        {
            return FileRemoval.Gone;
        }
        if ((await ReferredAsync(db, attachment.BlobHash, cancellationToken)).Contains(attachment.BlobHash))
        {
            return FileRemoval.StillReferred;
        }
        db.Attachments.Remove(attachment);
        audit.Add(db, admin, AuditActions.FileRemoved, $"{attachment.FileName} ({attachment.ContentType}, {attachment.Size:N0} bytes)", entryId: attachment.EntryId);
        await db.SaveChangesAsync(cancellationToken);
        if (!await db.Attachments.AnyAsync(a => a.BlobHash == attachment.BlobHash, cancellationToken))
        {
            await db.AttachmentBlobs.Where(b => b.Hash == attachment.BlobHash).ExecuteDeleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return FileRemoval.Removed;
    }

    /// <summary>
    /// The hashes of the uploaded files that some text links, among the texts that hold <paramref name="containing"/>:
    /// every revision of every entry (an old one may be restored), and what is on its way to becoming one (a draft
    /// not saved yet, an open suggestion), and the comments. Read as a stream, so memory holds one text at a time.
    /// </summary>
    private static async Task<HashSet<string>> ReferredAsync(WikiDbContext db, string containing, CancellationToken cancellationToken)
    {
        var texts = db.Revisions.Where(r => r.BodyMarkdown.Contains(containing) || r.FieldsJson.Contains(containing)).Select(r => r.BodyMarkdown + "\n" + r.FieldsJson)
            .Concat(db.EditDrafts.Where(d => d.Body.Contains(containing)).Select(d => d.Body))
            .Concat(db.Suggestions.Where(s => s.State == SuggestionState.Open && (s.BodyMarkdown.Contains(containing) || s.FieldsJson.Contains(containing)))
                .Select(s => s.BodyMarkdown + "\n" + s.FieldsJson))
            .Concat(db.Comments.Where(c => c.DeletedAt == null && c.BodyMarkdown.Contains(containing)).Select(c => c.BodyMarkdown));
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var text in texts.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            foreach (Match match in FileAddress().Matches(text))
            {
                hashes.Add(match.Groups[1].Value);
            }
        }
        return hashes;
    }

    private async Task<bool> IsAdminAsync(string userId, CancellationToken cancellationToken) =>
        await users.LoadAsync(userId, cancellationToken) is { IsAdmin: true, Locked: false };
}
