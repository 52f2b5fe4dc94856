using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(Entry.TitleMaxLength);
        builder.Property(r => r.Slug).HasMaxLength(Entry.SlugMaxLength);
        builder.Property(r => r.AuthorName).HasMaxLength(200);
        builder.Property(r => r.AssistantName).HasMaxLength(AccessToken.AssistantNameMaxLength);
        builder.Property(r => r.EditNote).HasMaxLength(500);
        builder.HasIndex(r => new { r.EntryId, r.Number }).IsUnique();
        // Who wrote an entry is asked on every save (watchers, permissions) and for every draft in a member's
        // lists (authors may read their drafts): answered from the index, not by reading each revision's row.
        builder.HasIndex(r => new { r.EntryId, r.AuthorUserId });
    }
}
