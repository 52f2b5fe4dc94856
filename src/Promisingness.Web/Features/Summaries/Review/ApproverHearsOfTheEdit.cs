using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Notifications;

namespace Promisingness.Web.Features.Summaries.Review;

/// <summary>
/// A save that took an approved summary back to review (<see cref="ReviewWorkflow.OnRevision"/> recorded the step)
/// tells whoever approved it, through the Notifier as every inbox event goes, so the mail follows their choice for
/// review requests. In the save's transaction: the inbox row and its mail commit with the revision.
/// </summary>
public sealed class ApproverHearsOfTheEdit(Notifier notifier, InboxEvents inbox) : ISaveStep
{
    public async Task<AfterCommit?> InTransactionAsync(EntrySave save, CancellationToken cancellationToken)
    {
        var (db, entry, writer) = (save.Db, save.Entry, save.Writer);
        var step = db.ChangeTracker.Entries<ReviewStep>()
            .Where(e => e.State == EntityState.Added && e.Entity.Action == ReviewAction.EditedAfterApproval && e.Entity.Entry == entry)
            .Select(e => e.Entity).FirstOrDefault();
        if (step is null)
        {
            return null;
        }
        var approver = await db.ReviewSteps.Where(s => s.EntryId == entry.Id && s.Action == ReviewAction.Approved)
            .OrderByDescending(s => s.Id).Select(s => s.ActorUserId).FirstOrDefaultAsync(cancellationToken);
        if (approver is null)
        {
            return null;
        }
        var notified = await notifier.AddAsync(db, [approver], writer.Id,
            new Notifier.Message(NotificationKind.Submitted, entry.Id, step.ActorName, "changed a summary you approved: it needs a new review", RevisionNumber: entry.RevisionNumber),
            step.At, cancellationToken);
        return notified.Count == 0 ? null : _ =>
        {
            inbox.Raise(notified);
            return Task.CompletedTask;
        };
    }
}
