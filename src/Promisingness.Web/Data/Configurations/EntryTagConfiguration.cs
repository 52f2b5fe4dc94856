using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class EntryTagConfiguration : IEntityTypeConfiguration<EntryTag>
{
    public void Configure(EntityTypeBuilder<EntryTag> builder)
    {
        builder.HasKey(t => new { t.EntryId, t.Name });
        builder.Property(t => t.Name).HasMaxLength(EntryTag.MaxLength);
        builder.HasIndex(t => t.Name);
        builder.HasOne(t => t.Entry).WithMany(e => e.Tags).OnDelete(DeleteBehavior.Cascade);
    }
}
