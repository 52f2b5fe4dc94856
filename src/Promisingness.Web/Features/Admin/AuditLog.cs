using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Admin;

public sealed record AuditRow(long Id, DateTimeOffset At, string Action, string ActorName, string? EntrySlug, int? RevisionNumber, string Details, string Origin);

/// <summary>One page of the log, with everyone who appears in it (for the filter).</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditRow> Rows, int Total, int Page, int PageSize, IReadOnlyList<string> People)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The audit log as /admin/audit reads it. Only admins read it, checked here on the user as the database holds them.
/// </summary>
public sealed class AuditLog(IDbContextFactory<WikiDbContext> dbFactory, WikiUsers users)
{
    public const int PageSize = 50;

    /// <summary>Newest first, one page at a time, optionally of one action and one person; null when the reader is not an admin.</summary>
    public async Task<AuditLogPage?> PageAsync(string readerUserId, string? action = null, string? person = null, int page = 1, CancellationToken cancellationToken = default)
    {
        if (await users.LoadAsync(readerUserId, cancellationToken) is not { IsAdmin: true, Locked: false })
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.Activities.AsNoTracking().Where(a => AuditActions.All.Contains(a.Action));
        if (!string.IsNullOrEmpty(action))
        {
            rows = rows.Where(a => a.Action == action);
        }
        if (!string.IsNullOrEmpty(person))
        {
            rows = rows.Where(a => a.ActorName == person);
        }
        var total = await rows.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await rows.OrderByDescending(a => a.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(a => new AuditRow(a.Id, a.At, a.Action, a.ActorName, a.Entry == null ? null : a.Entry.Slug, a.RevisionNumber, a.Details, a.Origin))
            .ToListAsync(cancellationToken);
        var people = await db.Activities.AsNoTracking().Where(a => AuditActions.All.Contains(a.Action))
            .Select(a => a.ActorName).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
        return new AuditLogPage(items, total, page, PageSize, people);
    }
}
