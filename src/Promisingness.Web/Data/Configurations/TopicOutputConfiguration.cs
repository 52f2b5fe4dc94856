using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class TopicOutputConfiguration : IEntityTypeConfiguration<TopicOutput>
{
    public void Configure(EntityTypeBuilder<TopicOutput> builder)
    {
        builder.Property(o => o.Title).HasMaxLength(500);
        builder.Property(o => o.Url).HasMaxLength(2000);
        builder.Property(o => o.LinkNote).HasMaxLength(200);
        builder.Property(o => o.SummaryHeading).HasMaxLength(200);
        builder.HasOne(o => o.Entry).WithMany(e => e.Outputs).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.EntryId, o.Position });
    }
}
