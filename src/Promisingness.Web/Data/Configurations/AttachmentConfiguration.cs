using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class AttachmentBlobConfiguration : IEntityTypeConfiguration<AttachmentBlob>
{
    public void Configure(EntityTypeBuilder<AttachmentBlob> builder)
    {
        builder.HasKey(b => b.Hash);
        builder.Property(b => b.Hash).HasMaxLength(64);
        builder.Property(b => b.ContentType).HasMaxLength(100);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.Property(a => a.BlobHash).HasMaxLength(64);
        builder.Property(a => a.FileName).HasMaxLength(Attachment.FileNameMaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.UploadedByName).HasMaxLength(200);
        builder.HasOne(a => a.Entry).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Blob).WithMany().HasForeignKey(a => a.BlobHash).OnDelete(DeleteBehavior.Restrict);
        // One row per file and entry; a read asks "which entries hold this blob".
        builder.HasIndex(a => new { a.EntryId, a.BlobHash }).IsUnique();
        builder.HasIndex(a => a.BlobHash);
    }
}
