using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Caching;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Markdown;

namespace Promisingness.Web.Features.Rendering;

/// <summary>
/// Pages show HTML rendered when the text was saved. When the renderer's output changes (a new
/// <see cref="MarkdownRenderer.OutputVersion"/>: a sanitiser fix, a new extension), this renders the current text
/// of every entry (body, output summaries, meeting agenda and decisions) and every comment again, once, in the
/// background a little after start, then evicts the cached pages. Revisions keep the HTML they were made with:
/// history is never rewritten.
/// </summary>
public sealed class StoredHtmlRefresh(
    IDbContextFactory<WikiDbContext> dbFactory,
    RevisionRecorder recorder,
    Discussions discussions,
    PublicPageCache cache,
    ILogger<StoredHtmlRefresh> logger) : BackgroundService
{
    // Out of the way of the start itself and its first pages.
    private static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(30);
    private const int BatchSize = 100;
    private const int AttemptsPerBatch = 5;
    private static readonly string Current = MarkdownRenderer.OutputVersionText;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(StartDelay, stoppingToken);
            await RefreshAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Pages keep the HTML they have, which was safe when it was made; the next start tries again.
            logger.LogError(e, "Could not render the stored text again for Markdown output version {Version}.", Current);
        }
    }

    /// <summary>Renders everything again if the stored HTML is from another version; false when it was current.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if ((await db.Settings.FindAsync([WikiSetting.MarkdownOutputVersion], cancellationToken))?.Value == Current)
            {
                return false;
            }
        }
        logger.LogInformation("Rendering every stored text again for Markdown output version {Version}.", Current);
        var entries = await InBatchesAsync(RenderEntriesAsync, cancellationToken);
        var comments = await InBatchesAsync(RenderCommentsAsync, cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var setting = await db.Settings.FindAsync([WikiSetting.MarkdownOutputVersion], cancellationToken);
            if (setting is null)
            {
                db.Settings.Add(new WikiSetting { Key = WikiSetting.MarkdownOutputVersion, Value = Current });
            }
            else
            {
                setting.Value = Current;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        await cache.EvictAsync(cancellationToken);
        logger.LogInformation("Rendered {Entries} entries and {Comments} comments again.", entries, comments);
        return true;
    }

    // Batches by id, each in its own context and transaction. A batch that lost a race with a save is read and
    // rendered again: that save may have changed the text after this read it.
    private async Task<int> InBatchesAsync(Func<WikiDbContext, long, CancellationToken, Task<(int Count, long LastId)>> batch, CancellationToken cancellationToken)
    {
        var (done, after) = (0, 0L);
        while (true)
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                try
                {
                    var (count, lastId) = await batch(db, after, cancellationToken);
                    if (count == 0)
                    {
                        return done;
                    }
                    (done, after) = (done + count, lastId);
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < AttemptsPerBatch)
                {
                }
            }
        }
    }

    private async Task<(int, long)> RenderEntriesAsync(WikiDbContext db, long after, CancellationToken cancellationToken)
    {
        var batch = await RevisionRecorder.Renderable(db.Entries)
            .Where(e => e.Id > after).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var entry in batch)
        {
            recorder.Render(db, entry);
            // Written even when unchanged, so the UPDATE checks the revision number: a save since the read fails it.
            db.Entry(entry).Property(e => e.BodyHtml).IsModified = true;
        }
        await db.SaveChangesAsync(cancellationToken);
        return (batch.Count, batch.Count == 0 ? after : batch[^1].Id);
    }

    private async Task<(int, long)> RenderCommentsAsync(WikiDbContext db, long after, CancellationToken cancellationToken)
    {
        var batch = await db.Comments.AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id).Take(BatchSize)
            .Select(c => new { c.Id, c.BodyMarkdown, c.BodyHtml }).ToListAsync(cancellationToken);
        foreach (var comment in batch)
        {
            var html = await discussions.RenderAsync(db, comment.BodyMarkdown, cancellationToken);
            if (html != comment.BodyHtml)
            {
                // Only if the text is still the one rendered: an edit since then made its own HTML.
                await db.Comments.Where(c => c.Id == comment.Id && c.BodyMarkdown == comment.BodyMarkdown)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.BodyHtml, html), cancellationToken);
            }
        }
        return (batch.Count, batch.Count == 0 ? after : batch[^1].Id);
    }
}
