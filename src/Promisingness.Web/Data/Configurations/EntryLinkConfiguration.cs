using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class EntryLinkConfiguration : IEntityTypeConfiguration<EntryLink>
{
    public void Configure(EntityTypeBuilder<EntryLink> builder)
    {
        builder.HasKey(l => new { l.FromEntryId, l.ToSlug });
        builder.Property(l => l.ToSlug).HasMaxLength(Entry.SlugMaxLength);
        builder.HasIndex(l => l.ToSlug);
        builder.HasOne(l => l.From).WithMany().HasForeignKey(l => l.FromEntryId).OnDelete(DeleteBehavior.Cascade);
    }
}
