using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Caching;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Summaries.Review;

/// <summary>What a person can ask of a weekly summary's review.</summary>
public enum ReviewCommand { Submit, RequestChanges, Approve, Publish }

public abstract record ReviewResult
{
    public sealed record Done(ReviewState State, int RevisionNumber) : ReviewResult;

    /// <summary>Nothing changed; the message says why. Field names the input it concerns ("Note"), if any.</summary>
    public sealed record Refused(string Message, string? Field = null) : ReviewResult;
}

/// <summary>
/// The review of weekly summaries: Draft → Submitted → Changes requested → Submitted → Approved →
/// published. Every rule is checked here, on the user as the database holds them now, and every state
/// change is a conditional update in the same transaction as its review step, so two reviewers deciding
/// at once cannot both succeed. Each step is bound to the revision it was taken on.
/// </summary>
public sealed class ReviewWorkflow(
    IDbContextFactory<WikiDbContext> dbFactory,
    RevisionRecorder recorder,
    WikiUsers users,
    PublicPageCache cache,
    Notifier notifier,
    InboxEvents inbox,
    Audit audit,
    TimeProvider clock)
{
    public const string NoteField = "Note";
    public const string PublishedEditNote = "Published after review";

    /// <summary>
    /// What the rules need to know about a summary. ChangedBy: who wrote the revisions the next sign-off would
    /// vouch for (those since the last approval, or, for publishing an approved summary, since the approval before it).
    /// </summary>
    public sealed record SummaryFacts(EntryAccessFacts Access, ReviewState State, int AuthorMemberId, string? CreatorUserId, int RevisionNumber, IReadOnlyCollection<string> ChangedBy);

    public Task<ReviewResult> SubmitAsync(string userId, int entryId, int revisionNumber, string note = "", CancellationToken cancellationToken = default) =>
        ActAsync(userId, entryId, ReviewCommand.Submit, revisionNumber, note, cancellationToken);

    public Task<ReviewResult> RequestChangesAsync(string userId, int entryId, int revisionNumber, string note, CancellationToken cancellationToken = default) =>
        ActAsync(userId, entryId, ReviewCommand.RequestChanges, revisionNumber, note, cancellationToken);

    public Task<ReviewResult> ApproveAsync(string userId, int entryId, int revisionNumber, string note = "", CancellationToken cancellationToken = default) =>
        ActAsync(userId, entryId, ReviewCommand.Approve, revisionNumber, note, cancellationToken);

    public Task<ReviewResult> PublishAsync(string userId, int entryId, int revisionNumber, string note = "", CancellationToken cancellationToken = default) =>
        ActAsync(userId, entryId, ReviewCommand.Publish, revisionNumber, note, cancellationToken);

    /// <summary>The commands this user may give now, for the buttons; the server checks again on each.</summary>
    public async Task<IReadOnlyList<ReviewCommand>> AllowedAsync(string? userId, int entryId, CancellationToken cancellationToken = default)
    {
        var user = userId is null ? null : await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await FactsAsync(db, entryId, cancellationToken);
        return facts is null ? [] : [.. Enum.GetValues<ReviewCommand>().Where(c => Refusal(user, c, facts) is null)];
    }

    /// <summary>
    /// Why this reviewer may not approve or publish the summary now because the change is their own, or null:
    /// the page says so where the button would be, instead of leaving them to wonder.
    /// </summary>
    public async Task<string?> OwnChangeAsync(string userId, int entryId, CancellationToken cancellationToken = default)
    {
        var user = await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await FactsAsync(db, entryId, cancellationToken);
        return facts is null ? null : new[] { ReviewCommand.Approve, ReviewCommand.Publish }
            .Select(c => OwnChange(user, c, facts) is { } own && Refusal(user, c, facts) == own ? own : null)
            .FirstOrDefault(m => m is not null);
    }

    /// <summary>
    /// A request for changes counts the reviewer's open suggested edits on the summary as part of it: its note says how
    /// many wait on the summary's page (where the author accepts or rejects them), and they may stand in for a note.
    /// </summary>
    private static async Task<string> WithSuggestionsAsync(WikiDbContext db, string reviewerId, int entryId, string note, CancellationToken cancellationToken)
    {
        var suggested = await db.Suggestions.CountAsync(s => s.EntryId == entryId && s.SuggesterUserId == reviewerId && s.State == SuggestionState.Open, cancellationToken);
        if (suggested == 0)
        {
            return note;
        }
        var pointer = suggested == 1 ? "1 suggested edit waits on the summary's page." : $"{suggested} suggested edits wait on the summary's page.";
        return note.Length == 0 ? pointer : $"{note}\n\n{pointer}";
    }

    public async Task<ReviewResult> ActAsync(string userId, int entryId, ReviewCommand command, int revisionNumber, string? note, CancellationToken cancellationToken = default)
    {
        note = (note ?? "").Trim();
        var user = await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await FactsAsync(db, entryId, cancellationToken);
        if (facts is null)
        {
            return new ReviewResult.Refused(NotFound);
        }
        if (Refusal(user, command, facts) is { } refusal)
        {
            return new ReviewResult.Refused(refusal);
        }
        if (command == ReviewCommand.RequestChanges)
        {
            note = await WithSuggestionsAsync(db, userId, entryId, note, cancellationToken);
            if (note.Length == 0)
            {
                return new ReviewResult.Refused("Say what should change: a request for changes needs a note, or a suggested edit on the summary.", NoteField);
            }
        }
        if (note.Length > Comment.BodyMaxLength)
        {
            return new ReviewResult.Refused($"A note can have at most {Comment.BodyMaxLength} characters.", NoteField);
        }
        if (facts.RevisionNumber != revisionNumber)
        {
            return new ReviewResult.Refused($"The summary changed since you opened it: it is now at revision {facts.RevisionNumber}. Look at it again, then decide.");
        }

        var (from, to) = Transition(command);
        var (first, second) = (from[0], from[^1]);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The state is checked again by the update itself, which also takes SQLite's write lock until the commit.
        var moved = await db.WeeklySummaries
            .Where(s => s.EntryId == entryId && (s.State == first || s.State == second))
            .Where(s => db.Entries.Any(e => e.Id == entryId && e.RevisionNumber == revisionNumber && (command != ReviewCommand.Publish || e.Visibility != Visibility.Public)))
            .ExecuteUpdateAsync(set =>
            {
                set.SetProperty(s => s.State, to);
                if (to != facts.State)
                {
                    set.SetProperty(s => s.StateSince, now);
                }
                if (command == ReviewCommand.Approve)
                {
                    set.SetProperty(s => s.ApprovedRevisionNumber, revisionNumber);
                }
            }, cancellationToken);
        if (moved == 0)
        {
            return new ReviewResult.Refused("Someone else changed this summary or its review a moment ago. Reload it to see where it stands.");
        }

        var stepRevision = revisionNumber;
        if (command == ReviewCommand.Publish)
        {
            stepRevision = await PublishRevisionAsync(db, entryId, user!, now, cancellationToken);
        }
        var summary = await db.WeeklySummaries.AsNoTracking().SingleAsync(s => s.EntryId == entryId, cancellationToken);
        db.ReviewSteps.Add(new ReviewStep
        {
            EntryId = entryId,
            RevisionNumber = stepRevision,
            Action = Action(command),
            ActorName = user!.Name,
            ActorUserId = user.Id,
            At = now,
            Note = note,
        });
        if (command != ReviewCommand.Publish)
        {
            // A publication's audit row is its revision's (PublishRevisionAsync).
            audit.Add(db, user, AuditAction(command), note, entryId, stepRevision);
        }
        var notified = await NotifyAsync(db, summary, command, user, stepRevision, note, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.EvictAsync(cancellationToken);
        inbox.Raise(notified);
        return new ReviewResult.Done(to, stepRevision);
    }

    /// <summary>Why this user may not give this command now, or null. Notes and revisions are checked by the caller.</summary>
    public static string? Refusal(WikiUser? user, ReviewCommand command, SummaryFacts facts)
    {
        if (!EntryPermissions.Can(user, EntryOperation.Read, facts.Access) || user is null or { Locked: true })
        {
            return user is null ? "Sign in to take part in reviews." : NotFound;
        }
        var reviewer = EntryPermissions.Can(user, EntryOperation.Review, facts.Access);
        var isAuthor = user.MemberId == facts.AuthorMemberId;
        return command switch
        {
            ReviewCommand.Submit when !isAuthor && !EntryPermissions.Can(user, EntryOperation.Edit, facts.Access) =>
                "Only the summary's author, or someone who may edit it, can submit it for review.",
            ReviewCommand.Submit when facts.State is not (ReviewState.Draft or ReviewState.ChangesRequested) => facts.State switch
            {
                ReviewState.Submitted => "This summary is already submitted and waits for review.",
                ReviewState.NeedsReReview => "This summary was changed after its approval and already waits for a new review.",
                _ => "This summary is approved: edit it if something should change, and it will go back for review.",
            },
            ReviewCommand.RequestChanges or ReviewCommand.Approve when !reviewer => "Only the mentor or an admin reviews weekly summaries.",
            ReviewCommand.Approve when isAuthor || (facts.CreatorUserId is not null && facts.CreatorUserId == user.Id) =>
                "You wrote this summary, so someone else must approve it.",
            ReviewCommand.RequestChanges or ReviewCommand.Approve when facts.State is not (ReviewState.Submitted or ReviewState.NeedsReReview) =>
                $"Only a submitted summary can be reviewed; this one is {Describe(facts.State)}.",
            ReviewCommand.Publish when !reviewer => "Only the mentor or an admin publishes weekly summaries.",
            ReviewCommand.Publish when facts.State != ReviewState.Approved => $"Only an approved summary can be published; this one is {Describe(facts.State)}.",
            ReviewCommand.Publish when facts.Access.Visibility == Visibility.Public => "This summary is already public.",
            _ => OwnChange(user, command, facts),
        };
    }

    /// <summary>Four eyes: nobody approves or publishes a change they wrote themselves.</summary>
    private static string? OwnChange(WikiUser? user, ReviewCommand command, SummaryFacts facts) =>
        user is null || !facts.ChangedBy.Contains(user.Id) ? null : command switch
        {
            ReviewCommand.Approve => "You changed this summary since it was submitted or last approved, so another reviewer (the mentor or an admin) must approve it.",
            ReviewCommand.Publish => "You changed what was approved, so another reviewer (the mentor or an admin) must publish it.",
            _ => null,
        };

    public static string Describe(ReviewState state) => state switch
    {
        ReviewState.Draft => "a draft",
        ReviewState.Submitted => "submitted",
        ReviewState.ChangesRequested => "waiting for the changes requested",
        ReviewState.Approved => "approved",
        _ => "waiting for a new review after an edit",
    };

    public static async Task<SummaryFacts?> FactsAsync(WikiDbContext db, int entryId, CancellationToken cancellationToken)
    {
        var row = await db.WeeklySummaries.AsNoTracking()
            .Where(s => s.EntryId == entryId)
            .Select(s => new
            {
                s.State,
                s.AuthorMemberId,
                s.Entry!.RevisionNumber,
                Creator = db.Revisions.Where(r => r.EntryId == entryId).OrderBy(r => r.Number).Select(r => r.AuthorUserId).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var access = row is null ? null : await EntryAccess.FactsAsync(db, entryId, cancellationToken);
        return row is null || access is null ? null
            : new SummaryFacts(access, row.State, row.AuthorMemberId, row.Creator, row.RevisionNumber, await ChangedByAsync(db, entryId, row.State, cancellationToken));
    }

    /// <summary>
    /// Who wrote the revisions a sign-off now would vouch for: an approval vouches for every revision since the
    /// last approval (or since the summary began), a publication for those its approval covered. A publication's
    /// own revision (a change of visibility, made by the workflow) is nobody's change of the text.
    /// </summary>
    private static async Task<IReadOnlyCollection<string>> ChangedByAsync(WikiDbContext db, int entryId, ReviewState state, CancellationToken cancellationToken)
    {
        var approvals = await db.ReviewSteps.AsNoTracking()
            .Where(s => s.EntryId == entryId && s.Action == ReviewAction.Approved)
            .OrderByDescending(s => s.Id).Select(s => s.RevisionNumber).Take(2).ToListAsync(cancellationToken);
        var since = approvals.ElementAtOrDefault(state == ReviewState.Approved ? 1 : 0);
        var publications = db.ReviewSteps.Where(s => s.EntryId == entryId && s.Action == ReviewAction.Published).Select(s => s.RevisionNumber);
        return await db.Revisions.AsNoTracking()
            .Where(r => r.EntryId == entryId && r.Number > since && r.AuthorUserId != null && !publications.Contains(r.Number))
            .Select(r => r.AuthorUserId!).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Called for every new revision of a summary (RevisionRecorder), before the revision is written: a
    /// change to an approved summary's content (anything but who may read it) needs a new review, and a
    /// published summary goes back to the team until it is approved again. The approval stays on its revision.
    /// Only the editor's saves change an approved summary's content (imports and action items touch other kinds).
    /// </summary>
    internal static void OnRevision(WikiDbContext db, Entry entry, string before, Author author, DateTimeOffset at)
    {
        if (entry.Kind != EntryKind.WeeklySummary)
        {
            return;
        }
        var summary = entry.Summary
            ?? throw new InvalidOperationException($"Load the summary's review state (Include(e => e.Summary)) before saving entry #{entry.Id}: an edit after approval must not go unseen.");
        if (summary.State != ReviewState.Approved || RevisionRecorder.DiffersOnlyIn(nameof(Entry.Visibility), before, RevisionRecorder.Snapshot(entry)))
        {
            return;
        }
        var wasPublic = entry.Visibility == Visibility.Public;
        summary.State = ReviewState.NeedsReReview;
        summary.StateSince = at;
        if (wasPublic)
        {
            entry.Visibility = Visibility.Team;
        }
        db.ReviewSteps.Add(new ReviewStep
        {
            Entry = entry,
            RevisionNumber = entry.RevisionNumber,
            Action = ReviewAction.EditedAfterApproval,
            ActorName = author.Name,
            ActorUserId = author.UserId,
            At = at,
            Note = wasPublic ? "Taken back from the public until it is approved again." : "",
        });
        // Whoever approved it hears of it from ApproverHearsOfTheEdit, a step of the save, through the Notifier.
    }

    private static (ReviewState[] From, ReviewState To) Transition(ReviewCommand command) => command switch
    {
        ReviewCommand.Submit => ([ReviewState.Draft, ReviewState.ChangesRequested], ReviewState.Submitted),
        ReviewCommand.RequestChanges => ([ReviewState.Submitted, ReviewState.NeedsReReview], ReviewState.ChangesRequested),
        ReviewCommand.Approve => ([ReviewState.Submitted, ReviewState.NeedsReReview], ReviewState.Approved),
        _ => ([ReviewState.Approved], ReviewState.Approved),
    };

    private static string AuditAction(ReviewCommand command) => command switch
    {
        ReviewCommand.Submit => AuditActions.SummarySubmitted,
        ReviewCommand.RequestChanges => AuditActions.SummaryChangesRequested,
        ReviewCommand.Approve => AuditActions.SummaryApproved,
        _ => AuditActions.SummaryPublished,
    };

    private static ReviewAction Action(ReviewCommand command) => command switch
    {
        ReviewCommand.Submit => ReviewAction.Submitted,
        ReviewCommand.RequestChanges => ReviewAction.ChangesRequested,
        ReviewCommand.Approve => ReviewAction.Approved,
        _ => ReviewAction.Published,
    };

    /// <summary>Publishing is a revision like any other (it makes the entry Public), recorded by the one recorder.</summary>
    private async Task<int> PublishRevisionAsync(WikiDbContext db, int entryId, WikiUser user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entry = await EntryGraph.WithFieldsAsync(db, entryId, cancellationToken) ?? throw new InvalidOperationException($"Entry #{entryId} is gone.");
        var before = RevisionRecorder.Snapshot(entry);
        entry.Visibility = Visibility.Public;
        recorder.RecordIfChanged(db, entry, before, new Author(user.Name, user.Id, user.ProgramId), now, PublishedEditNote, AuditActions.SummaryPublished);
        return entry.RevisionNumber;
    }

    /// <summary>
    /// Submissions go to the mentor and admins; decisions to the summary's author, quoting the note (what should change)
    /// as it is shown on the summary's timeline, as text. Never to the one who acted, nor to anyone who may not read the
    /// summary (the Notifier sees to both).
    /// </summary>
    private async Task<IReadOnlyList<string>> NotifyAsync(WikiDbContext db, WeeklySummary summary, ReviewCommand command, WikiUser actor, int revisionNumber, string note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recipients = command == ReviewCommand.Submit
            ? await Notifier.ReviewersAsync(db, cancellationToken)
            : await db.Users.Where(u => u.MemberId == summary.AuthorMemberId).Select(u => u.Id).ToListAsync(cancellationToken);
        var text = command switch
        {
            ReviewCommand.Submit => "submitted a weekly summary for review",
            ReviewCommand.RequestChanges => "requested changes to your weekly summary",
            ReviewCommand.Approve => "approved your weekly summary",
            _ => "published your weekly summary",
        };
        var kind = command == ReviewCommand.Submit ? NotificationKind.Submitted : NotificationKind.ReviewDecision;
        return await notifier.AddAsync(db, recipients, actor.Id, new Notifier.Message(kind, summary.EntryId, actor.Name, text, RevisionNumber: revisionNumber, Excerpt: note), now, cancellationToken);
    }

    private const string NotFound = "This summary does not exist, or you may not see it.";
}
