using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class CredenceConfiguration : IEntityTypeConfiguration<Credence>
{
    public void Configure(EntityTypeBuilder<Credence> builder)
    {
        builder.Property(c => c.MemberName).HasMaxLength(200);
        builder.Property(c => c.Rationale).HasMaxLength(Credence.RationaleMaxLength);
        builder.HasOne(c => c.Entry).WithMany().OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.EntryId, c.At });
    }
}
