using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class TopicResearcherConfiguration : IEntityTypeConfiguration<TopicResearcher>
{
    public void Configure(EntityTypeBuilder<TopicResearcher> builder)
    {
        builder.HasKey(t => new { t.EntryId, t.MemberId });
        builder.Property(t => t.CreditedAs).HasMaxLength(200);
        builder.HasOne(t => t.Entry).WithMany(e => e.Researchers).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Member).WithMany(m => m.Topics).OnDelete(DeleteBehavior.Restrict);
    }
}
