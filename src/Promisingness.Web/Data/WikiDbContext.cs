using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Promisingness.Web.Data;

/// <summary>
/// The wiki's model; everything asks for this type. The concrete types, SqliteWikiDbContext and
/// PostgresWikiDbContext, only exist so that each provider keeps its own migration set (docs/DATABASES.md).
/// </summary>
public abstract class WikiDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<ResearchProgram> Programs => Set<ResearchProgram>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Entry> Entries => Set<Entry>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<TopicResearcher> TopicResearchers => Set<TopicResearcher>();
    public DbSet<TopicOutput> TopicOutputs => Set<TopicOutput>();
    public DbSet<SlugRedirect> SlugRedirects => Set<SlugRedirect>();
    public DbSet<ActivityRecord> Activities => Set<ActivityRecord>();
    public DbSet<WikiSetting> Settings => Set<WikiSetting>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<EditDraft> EditDrafts => Set<EditDraft>();
    public DbSet<EntryLink> EntryLinks => Set<EntryLink>();
    public DbSet<EntryTag> EntryTags => Set<EntryTag>();
    public DbSet<QuestionTopic> QuestionTopics => Set<QuestionTopic>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingAttendee> MeetingAttendees => Set<MeetingAttendee>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<WeeklySummary> WeeklySummaries => Set<WeeklySummary>();
    public DbSet<ReviewStep> ReviewSteps => Set<ReviewStep>();
    public DbSet<CommentThread> CommentThreads => Set<CommentThread>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Suggestion> Suggestions => Set<Suggestion>();
    public DbSet<SuggestionDecision> SuggestionDecisions => Set<SuggestionDecision>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Watch> Watches => Set<Watch>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<NotificationSchedule> NotificationSchedules => Set<NotificationSchedule>();
    public DbSet<Credence> Credences => Set<Credence>();
    public DbSet<AttachmentBlob> AttachmentBlobs => Set<AttachmentBlob>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <summary>The keys that protect cookies and antiforgery tokens, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WikiDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as text keep the database readable and stable when an enum gains a member.
        configurationBuilder.Properties<EntryKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Visibility>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<EntryStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<OutputStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<MemberRole>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ReviewState>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ReviewAction>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<NotificationKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<TokenScope>().HaveConversion<string>().HaveMaxLength(10);
        // SQLite cannot order or compare DateTimeOffset; UTC ticks sort and compare correctly. PostgreSQL keeps
        // the same converter on purpose: timestamptz holds microseconds and no offset, so a wiki moved between
        // the two (export --json / import --json) would lose its ticks and offsets (docs/DATABASES.md).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}
