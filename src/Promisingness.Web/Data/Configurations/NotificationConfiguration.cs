using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.ActorName).HasMaxLength(200);
        builder.Property(n => n.Text).HasMaxLength(300);
        builder.Property(n => n.Excerpt).HasMaxLength(Notification.ExcerptMaxLength);
        builder.HasOne(n => n.Entry).WithMany().OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.RecipientUserId, n.ReadAt, n.Id });
        // The digest job's question: what waits for a digest.
        builder.HasIndex(n => new { n.AwaitsDigest, n.At });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.HasKey(p => new { p.UserId, p.Kind });
        builder.Property(p => p.Delivery).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationScheduleConfiguration : IEntityTypeConfiguration<NotificationSchedule>
{
    public void Configure(EntityTypeBuilder<NotificationSchedule> builder)
    {
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.TimeZoneId).HasMaxLength(100);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WatchConfiguration : IEntityTypeConfiguration<Watch>
{
    public void Configure(EntityTypeBuilder<Watch> builder)
    {
        builder.HasKey(w => new { w.UserId, w.EntryId });
        builder.HasOne(w => w.Entry).WithMany().OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(w => w.EntryId);
    }
}
