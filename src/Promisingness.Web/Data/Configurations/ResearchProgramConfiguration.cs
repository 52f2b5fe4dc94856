using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class ResearchProgramConfiguration : IEntityTypeConfiguration<ResearchProgram>
{
    public void Configure(EntityTypeBuilder<ResearchProgram> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(16);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.HasData(
            new ResearchProgram { Id = 1, Code = "AISC", Name = "AI Safety Camp" },
            new ResearchProgram { Id = 2, Code = "MARS", Name = "MARS" },
            new ResearchProgram { Id = 3, Code = "SPAR", Name = "SPAR" });
    }
}
