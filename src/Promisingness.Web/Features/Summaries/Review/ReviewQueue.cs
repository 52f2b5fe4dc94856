using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Summaries.Review;

public sealed record QueueItem(string Slug, string Title, IsoWeek Week, PersonLink Author, ReviewState State, DateTimeOffset Since, int RevisionNumber);

/// <summary>
/// A summary under review and what changed in it since it was last looked at: since the revision last
/// approved, else since the previous submission. BaseRevision is null for a first submission.
/// </summary>
public sealed record ReviewItem(SummaryView Summary, int? BaseRevision, string BaseLabel, DiffView? Diff);

public sealed record OpenThread(int Id, string EntryTitle, string EntryUrl, string? Quote, DateTimeOffset OpenedAt, int Comments);

/// <summary>Everything waiting on the mentor: the summaries to review, and their discussions that are still open.</summary>
public sealed class ReviewQueue(IDbContextFactory<WikiDbContext> dbFactory, SummaryQueries summaries, EntryHistory history)
{
    /// <summary>The summaries waiting for review, oldest first; null when the reader does not review.</summary>
    public async Task<IReadOnlyList<QueueItem>?> WaitingAsync(WikiUser? reviewer, string? programCode = null, CancellationToken cancellationToken = default)
    {
        if (reviewer is not { SeesEverything: true })
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Waiting(db)
            .Where(s => programCode == null || s.AuthorMember!.Program!.Code == programCode)
            .OrderBy(s => s.StateSince).ThenBy(s => s.EntryId)
            .Select(s => new
            {
                s.Entry!.Slug,
                s.Entry.Title,
                s.Week,
                Author = s.AuthorMember!,
                ProgramCode = s.AuthorMember!.Program == null ? null : s.AuthorMember.Program.Code,
                s.State,
                s.StateSince,
                s.Entry.RevisionNumber,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new QueueItem(
            r.Slug,
            r.Title,
            IsoWeek.TryParse(r.Week, out var week) ? week.Value : default,
            new PersonLink(r.Author.Name, r.Author.Slug, r.ProgramCode, r.Author.Role),
            r.State,
            r.StateSince,
            r.RevisionNumber))];
    }

    /// <summary>How many summaries wait for review, for the menu.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Waiting(db).CountAsync(cancellationToken);
    }

    public async Task<ReviewItem?> ItemAsync(WikiUser? reviewer, string slug, CancellationToken cancellationToken = default)
    {
        if (reviewer is not { SeesEverything: true } || (await summaries.GetAsync(slug, reviewer, cancellationToken)).Value is not { } summary)
        {
            return null;
        }
        var steps = summary.Steps ?? [];
        var submissions = steps.Where(s => s.Action == ReviewAction.Submitted).ToList();
        var (baseRevision, label) = summary.ApprovedRevisionNumber is { } approved
            ? ((int?)approved, $"Changes since revision {approved}, the one approved")
            : submissions.Count >= 2
                ? (submissions[^2].RevisionNumber, $"Changes since revision {submissions[^2].RevisionNumber}, the previous submission")
                : (null, "First submission: there is no earlier reviewed version to compare with.");
        var diff = baseRevision is { } from && from != summary.RevisionNumber
            ? (await history.DiffAsync(summary.Slug, from, summary.RevisionNumber, reviewer, cancellationToken)).Value
            : null;
        if (baseRevision is { } same && same == summary.RevisionNumber)
        {
            label = $"Unchanged since revision {same}.";
        }
        return new ReviewItem(summary, baseRevision, label, diff);
    }

    /// <summary>
    /// The comment threads this person opened or was mentioned in (a mention reached their inbox) that nobody has
    /// resolved yet, on entries they may still read.
    /// </summary>
    public async Task<IReadOnlyList<OpenThread>> OpenThreadsAsync(WikiUser? user, CancellationToken cancellationToken = default)
    {
        if (user is not { Locked: false })
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var readable = db.Entries.ReadableBy(user);
        var rows = await db.CommentThreads.AsNoTracking()
            .Where(t => t.ResolvedAt == null && readable.Any(e => e.Id == t.EntryId)
                && (t.OpenedByUserId == user.Id || db.Notifications.Any(n => n.RecipientUserId == user.Id && n.Kind == NotificationKind.Mention && n.ThreadId == t.Id)))
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Entry!.Title, t.Entry.Kind, t.Entry.Slug, t.Quote, t.CreatedAt, Comments = t.Comments.Count(c => c.DeletedAt == null) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OpenThread(r.Id, r.Title, $"{EntryUrls.For(r.Kind, r.Slug)}#thread-{r.Id}", r.Quote, r.CreatedAt, r.Comments))];
    }

    public async Task<IReadOnlyList<string>> ProgramCodesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Programs.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Code).ToListAsync(cancellationToken);
    }

    private static IQueryable<WeeklySummary> Waiting(WikiDbContext db) =>
        db.WeeklySummaries.AsNoTracking().Where(s => s.State == ReviewState.Submitted || s.State == ReviewState.NeedsReReview);
}
