using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Slug).HasMaxLength(Entry.SlugMaxLength);
        builder.HasIndex(m => m.Slug).IsUnique();
        builder.HasOne(m => m.Program).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}
