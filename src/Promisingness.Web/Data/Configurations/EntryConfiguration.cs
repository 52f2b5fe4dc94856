using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class EntryConfiguration : IEntityTypeConfiguration<Entry>
{
    public void Configure(EntityTypeBuilder<Entry> builder)
    {
        builder.Property(e => e.Title).HasMaxLength(Entry.TitleMaxLength);
        builder.Property(e => e.Slug).HasMaxLength(Entry.SlugMaxLength);
        builder.Property(e => e.ReadmeHeading).HasMaxLength(Entry.TitleMaxLength);
        builder.HasIndex(e => e.Slug).IsUnique();
        // SQLite has no rowversion: a save moves the current revision only if it is still the one the
        // editor started from (UPDATE … WHERE RevisionNumber = @original); zero rows moved is a conflict.
        builder.Property(e => e.RevisionNumber).IsConcurrencyToken();
        builder.HasIndex(e => new { e.Kind, e.Position });
        builder.HasOne(e => e.Program).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Revisions).WithOne(r => r.Entry).OnDelete(DeleteBehavior.Restrict);
    }
}
