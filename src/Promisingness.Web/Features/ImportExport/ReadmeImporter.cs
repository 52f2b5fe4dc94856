using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Caching;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.ImportExport.Readme;
using Promisingness.Web.Features.Mail;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.ImportExport;

public sealed class ReadmeImporter(
    IDbContextFactory<WikiDbContext> dbFactory,
    RevisionRecorder recorder,
    PublicPageCache cache,
    MailSettings links,
    TimeProvider clock)
{
    public const string DefaultAuthor = "README import";
    public const string DefaultMessage = "Imported from the README";

    /// <summary>
    /// Brings the wiki to what the README says. The whole file is parsed before anything is written
    /// (a file that is not a README throws <see cref="ReadmeFormatException"/> and changes nothing), and the
    /// changes are saved in one transaction.
    /// </summary>
    public async Task<ImportResult> ImportAsync(string readme, string? author = null, DateTimeOffset? at = null, string? message = null, CancellationToken cancellationToken = default)
    {
        var document = ReadmeParser.Parse(ReadmeFileLinks.FromSite(readme, links.PublicUrl));
        var by = new Author(string.IsNullOrWhiteSpace(author) ? DefaultAuthor : author.Trim());
        var when = at ?? clock.GetUtcNow();
        var note = string.IsNullOrWhiteSpace(message) ? DefaultMessage : message.Trim();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = new ImportRun(db, recorder, by, when, note);
        await run.LoadAsync(cancellationToken);
        run.ImportTeam(document.Team);
        run.ImportHome(document.Title, document.Description);
        run.ImportPages(document.Pages);
        run.ImportQuestions(document.QuestionsHeading, document.Questions);
        run.ImportTopics(document.Topics);
        run.ImportLayout(document);

        if (!run.Result.ChangedAnything)
        {
            // Importing the same README again changes nothing, not even the activity log.
            return run.Result;
        }
        Audit.Write(db, when, AuditActions.Imported, by.Name, actorUserId: null, $"{note}: {run.Result}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.EvictAsync(cancellationToken);
        return run.Result;
    }
}
