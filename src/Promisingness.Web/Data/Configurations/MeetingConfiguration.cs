using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.HasKey(m => m.EntryId);
        builder.HasOne(m => m.Entry).WithOne(e => e.Meeting).HasForeignKey<Meeting>(m => m.EntryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.Date);
    }
}

internal sealed class MeetingAttendeeConfiguration : IEntityTypeConfiguration<MeetingAttendee>
{
    public void Configure(EntityTypeBuilder<MeetingAttendee> builder)
    {
        builder.HasKey(a => new { a.EntryId, a.MemberId });
        builder.HasOne(a => a.Entry).WithMany(e => e.Attendees).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Member).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.Property(a => a.Text).HasMaxLength(Meeting.ActionTextMaxLength);
        builder.HasOne(a => a.Entry).WithMany(e => e.ActionItems).OnDelete(DeleteBehavior.Cascade);
        // Named: by convention EF gave Owner a second, shadow key column (OwnerId) beside OwnerMemberId.
        builder.HasOne(a => a.Owner).WithMany().HasForeignKey(a => a.OwnerMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.EntryId, a.Position });
        builder.HasIndex(a => new { a.Done, a.OwnerMemberId });
    }
}
