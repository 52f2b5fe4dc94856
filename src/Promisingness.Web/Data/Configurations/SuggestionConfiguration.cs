using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class SuggestionConfiguration : IEntityTypeConfiguration<Suggestion>
{
    public void Configure(EntityTypeBuilder<Suggestion> builder)
    {
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Title).HasMaxLength(Entry.TitleMaxLength);
        builder.Property(s => s.SuggesterName).HasMaxLength(200);
        builder.Property(s => s.AssistantName).HasMaxLength(AccessToken.AssistantNameMaxLength);
        builder.Property(s => s.Note).HasMaxLength(Suggestion.NoteMaxLength);
        builder.HasOne(s => s.Entry).WithMany().OnDelete(DeleteBehavior.Cascade);
        // The entry page lists its open suggestions; /recent lists the newest.
        builder.HasIndex(s => new { s.EntryId, s.State });
        builder.HasIndex(s => s.CreatedAt);
    }
}

internal sealed class SuggestionDecisionConfiguration : IEntityTypeConfiguration<SuggestionDecision>
{
    public void Configure(EntityTypeBuilder<SuggestionDecision> builder)
    {
        // One decision per change: two people deciding the same change at once cannot both land.
        builder.HasKey(d => new { d.SuggestionId, d.Hunk });
        builder.Property(d => d.DeciderName).HasMaxLength(200);
        builder.HasOne(d => d.Suggestion).WithMany(s => s.Decisions).OnDelete(DeleteBehavior.Cascade);
    }
}
