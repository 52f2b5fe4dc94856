using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class CommentThreadConfiguration : IEntityTypeConfiguration<CommentThread>
{
    public void Configure(EntityTypeBuilder<CommentThread> builder)
    {
        builder.Property(t => t.Quote).HasMaxLength(CommentThread.QuoteMaxLength);
        builder.Property(t => t.QuotePrefix).HasMaxLength(CommentThread.ContextMaxLength);
        builder.Property(t => t.QuoteSuffix).HasMaxLength(CommentThread.ContextMaxLength);
        builder.Property(t => t.OpenedByName).HasMaxLength(200);
        builder.Property(t => t.ResolvedByName).HasMaxLength(200);
        builder.HasOne(t => t.Entry).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.EntryId, t.ResolvedAt });
        builder.HasIndex(t => new { t.OpenedByUserId, t.ResolvedAt });
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.Property(c => c.AuthorName).HasMaxLength(200);
        builder.Property(c => c.AssistantName).HasMaxLength(AccessToken.AssistantNameMaxLength);
        builder.Property(c => c.BodyMarkdown).HasMaxLength(Comment.BodyMaxLength);
        builder.HasOne(c => c.Thread).WithMany(t => t.Comments).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ThreadId, c.Id });
    }
}
