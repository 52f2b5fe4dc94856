using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Topics;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Home;

public sealed record PageSection(string Slug, string Title, string BodyHtml);

/// <summary>A link to an entry by its title.</summary>
public sealed record EntryTitleLink(string Slug, string Title);

public sealed record ActivityItem(DateTimeOffset At, string Action, string? EntryTitle, string? EntryUrl, int? RevisionNumber, string ActorName, string Details);

/// <summary>
/// The front page, laid out as the README was. Each list is capped, with its full count, so that the page
/// stays small and quick as the wiki grows: the rest is one link away.
/// </summary>
public sealed record HomeView(
    string Title,
    string DescriptionHtml,
    IReadOnlyList<PageSection> Pages,
    IReadOnlyList<EntryTitleLink> MorePages,
    IReadOnlyList<TopicCard> Topics,
    int TopicCount,
    IReadOnlyList<EntryTitleLink> Questions,
    int QuestionCount,
    IReadOnlyList<ActivityItem> Recent);

public sealed class HomeQueries(IDbContextFactory<WikiDbContext> dbFactory)
{
    public const string DefaultTitle = "Promisingness of Automating Alignment";
    private const int RecentCount = 8;

    public const int InlinePageCount = 6;
    public const int LinkedPageCount = 30;
    public const int TopicCountShown = 24;
    public const int QuestionCountShown = 20;

    public async Task<HomeView> GetAsync(WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var readable = db.Entries.ReadableBy(reader).AsNoTracking().Where(e => e.Status == EntryStatus.Active);
        var home = await readable.Where(e => e.Kind == EntryKind.Page && e.Slug == Entry.HomeSlug)
            .Select(e => new PageSection(e.Slug, e.Title, e.BodyHtml)).FirstOrDefaultAsync(cancellationToken);
        var otherPages = readable.Where(e => e.Kind == EntryKind.Page && e.Slug != Entry.HomeSlug).OrderBy(e => e.Position).ThenBy(e => e.Id);
        var pages = await otherPages.Take(InlinePageCount)
            .Select(e => new PageSection(e.Slug, e.Title, e.BodyHtml)).ToListAsync(cancellationToken);
        var morePages = await otherPages.Skip(InlinePageCount).Take(LinkedPageCount)
            .Select(e => new EntryTitleLink(e.Slug, e.Title)).ToListAsync(cancellationToken);
        var activeTopics = TopicQueries.Topics(db, reader).Where(e => e.Status == EntryStatus.Active);
        var topics = await activeTopics.OrderBy(e => e.Position).ThenBy(e => e.Id).Take(TopicCountShown).ToListAsync(cancellationToken);
        var questions = readable.Where(e => e.Kind == EntryKind.Question);

        return new HomeView(
            home?.Title ?? DefaultTitle,
            home?.BodyHtml ?? "",
            pages,
            morePages,
            [.. topics.Select(TopicQueries.ToCard)],
            await activeTopics.CountAsync(cancellationToken),
            await questions.OrderBy(e => e.Position).ThenBy(e => e.Id).Take(QuestionCountShown)
                .Select(e => new EntryTitleLink(e.Slug, e.Title)).ToListAsync(cancellationToken),
            await questions.CountAsync(cancellationToken),
            await RecentAsync(db, reader, RecentCount, cancellationToken));
    }

    /// <summary>
    /// What the home page lists: new revisions and estimates. Other rows about an entry (review steps, comment
    /// edits and deletions) are for the audit log only: they are team business even when the entry is public.
    /// </summary>
    private static readonly string[] EntryChanges =
    [
        AuditActions.EntryCreated, AuditActions.EntryEdited, AuditActions.EntryVisibilityChanged, AuditActions.EntryRestored,
        AuditActions.EntryRemovedFromReadme, AuditActions.SummaryPublished, AuditActions.CredenceRecorded,
        AuditActions.CredenceWithdrawn,
    ];

    /// <summary>Recent changes the reader may see: changes to entries they may read, and people joining the team.</summary>
    public static async Task<IReadOnlyList<ActivityItem>> RecentAsync(WikiDbContext db, WikiUser? reader, int count, CancellationToken cancellationToken)
    {
        var readable = db.Entries.ReadableBy(reader);
        var rows = await db.Activities.AsNoTracking()
            .Where(a => (a.EntryId != null && EntryChanges.Contains(a.Action) && readable.Any(e => e.Id == a.EntryId)) || a.Action == AuditActions.MemberAdded)
            .OrderByDescending(a => a.Id)
            .Take(count)
            .Select(a => new { a.At, a.Action, Title = (string?)a.Entry!.Title, Slug = (string?)a.Entry.Slug, Kind = (EntryKind?)a.Entry.Kind, a.RevisionNumber, a.ActorName, a.Details })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(a => new ActivityItem(
            a.At, a.Action, a.Title, a.Slug is null ? null : EntryUrls.For(a.Kind!.Value, a.Slug), a.RevisionNumber, a.ActorName, a.Details))];
    }
}
