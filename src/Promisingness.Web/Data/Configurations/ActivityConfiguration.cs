using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<ActivityRecord>
{
    public void Configure(EntityTypeBuilder<ActivityRecord> builder)
    {
        builder.Property(a => a.Action).HasMaxLength(50);
        builder.Property(a => a.ActorName).HasMaxLength(200);
        builder.Property(a => a.Details).HasMaxLength(ActivityRecord.DetailsMaxLength);
        builder.Property(a => a.Origin).HasMaxLength(100).HasDefaultValue("");
        builder.HasIndex(a => new { a.Action, a.Id });
        builder.HasIndex(a => a.At);
        builder.HasOne(a => a.Entry).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}
