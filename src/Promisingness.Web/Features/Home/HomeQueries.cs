using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Credences;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Topics;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Home;

public sealed record PageSection(string Slug, string Title, string BodyHtml);

public sealed record QuestionLink(string Slug, string Title);

public sealed record ActivityItem(DateTimeOffset At, string Action, string? EntryTitle, string? EntryUrl, int? RevisionNumber, string ActorName, string Details);

public sealed record HomeView(
    string Title,
    string DescriptionHtml,
    IReadOnlyList<PageSection> Pages,
    IReadOnlyList<TopicCard> Topics,
    IReadOnlyList<QuestionLink> Questions,
    IReadOnlyList<ActivityItem> Recent);

public sealed class HomeQueries(IDbContextFactory<WikiDbContext> dbFactory)
{
    public const string DefaultTitle = "Promisingness of Automating Alignment";
    private const int RecentCount = 8;

    public async Task<HomeView> GetAsync(WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var readable = db.Entries.ReadableBy(reader).AsNoTracking().Where(e => e.Status == EntryStatus.Active);
        var pages = await readable.Where(e => e.Kind == EntryKind.Page).OrderBy(e => e.Position).ToListAsync(cancellationToken);
        var home = pages.FirstOrDefault(p => p.Slug == Entry.HomeSlug);
        var topics = await TopicQueries.Topics(db, reader).Where(e => e.Status == EntryStatus.Active).OrderBy(e => e.Position).ToListAsync(cancellationToken);
        var questions = await readable.Where(e => e.Kind == EntryKind.Question).OrderBy(e => e.Position)
            .Select(e => new QuestionLink(e.Slug, e.Title)).ToListAsync(cancellationToken);

        return new HomeView(
            home?.Title ?? DefaultTitle,
            home?.BodyHtml ?? "",
            [.. pages.Where(p => p.Slug != Entry.HomeSlug).Select(p => new PageSection(p.Slug, p.Title, p.BodyHtml))],
            [.. topics.Select(TopicQueries.ToCard)],
            questions,
            await RecentAsync(db, reader, RecentCount, cancellationToken));
    }

    /// <summary>
    /// What the home page lists: new revisions and estimates. Other rows about an entry (review steps, comment
    /// edits and deletions) are for the audit log only: they are team business even when the entry is public.
    /// </summary>
    private static readonly string[] EntryChanges =
    [
        ActivityActions.EntryCreated, ActivityActions.EntryEdited, ActivityActions.EntryVisibilityChanged, ActivityActions.EntryRestored,
        ActivityActions.EntryRemovedFromReadme, AuditActions.SummaryPublished, CredenceBook.ActivityAction,
    ];

    /// <summary>Recent changes the reader may see: changes to entries they may read, and people joining the team.</summary>
    public static async Task<IReadOnlyList<ActivityItem>> RecentAsync(WikiDbContext db, WikiUser? reader, int count, CancellationToken cancellationToken)
    {
        var readable = db.Entries.ReadableBy(reader);
        var rows = await db.Activities.AsNoTracking()
            .Where(a => (a.EntryId != null && EntryChanges.Contains(a.Action) && readable.Any(e => e.Id == a.EntryId)) || a.Action == ActivityActions.MemberAdded)
            .OrderByDescending(a => a.Id)
            .Take(count)
            .Select(a => new { a.At, a.Action, Title = (string?)a.Entry!.Title, Slug = (string?)a.Entry.Slug, Kind = (EntryKind?)a.Entry.Kind, a.RevisionNumber, a.ActorName, a.Details })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(a => new ActivityItem(
            a.At, a.Action, a.Title, a.Slug is null ? null : EntryUrls.For(a.Kind!.Value, a.Slug), a.RevisionNumber, a.ActorName, a.Details))];
    }
}
