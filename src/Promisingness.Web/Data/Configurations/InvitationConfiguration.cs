using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.Role).HasMaxLength(20);
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.CreatedByUserId).HasMaxLength(450);
        builder.Property(i => i.UsedByUserId).HasMaxLength(450);
        builder.HasOne(i => i.Program).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Member).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}
