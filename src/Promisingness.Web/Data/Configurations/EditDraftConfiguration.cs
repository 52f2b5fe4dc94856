using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class EditDraftConfiguration : IEntityTypeConfiguration<EditDraft>
{
    public void Configure(EntityTypeBuilder<EditDraft> builder)
    {
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.Title).HasMaxLength(Entry.TitleMaxLength * 2);
        builder.HasIndex(d => new { d.UserId, d.EntryId }).IsUnique();
        builder.HasOne(d => d.Entry).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}
