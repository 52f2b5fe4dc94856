using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class WeeklySummaryConfiguration : IEntityTypeConfiguration<WeeklySummary>
{
    public void Configure(EntityTypeBuilder<WeeklySummary> builder)
    {
        builder.HasKey(s => s.EntryId);
        builder.Property(s => s.Week).HasMaxLength(8);
        builder.HasOne(s => s.Entry).WithOne(e => e.Summary).HasForeignKey<WeeklySummary>(s => s.EntryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Topic).WithMany().HasForeignKey(s => s.TopicId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.AuthorMember).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.Week, s.AuthorMemberId });
        builder.HasIndex(s => new { s.State, s.StateSince });
    }
}

internal sealed class ReviewStepConfiguration : IEntityTypeConfiguration<ReviewStep>
{
    public void Configure(EntityTypeBuilder<ReviewStep> builder)
    {
        builder.Property(s => s.ActorName).HasMaxLength(200);
        builder.Property(s => s.Note).HasMaxLength(Comment.BodyMaxLength);
        builder.HasOne(s => s.Entry).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.EntryId, s.Id });
    }
}
