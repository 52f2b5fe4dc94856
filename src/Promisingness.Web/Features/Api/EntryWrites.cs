using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Suggestions;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Api;

/// <summary>A direct edit as a script sends it: the revision its text was made on, the new text, and the title if it changes.</summary>
public sealed record EntryEdit(int? BaseRevision, string? Body, string? Title = null, string? Note = null);

/// <summary>The entry after an edit: its current revision, and whether the edit changed anything.</summary>
public sealed record EditedEntry(string Slug, int Revision, bool Changed, string Url);

/// <summary>
/// PUT /api/v1/entries/{slug}: a token of scope write edits an entry its member may edit, through the editor's own save
/// (the same rules, the same compare-and-swap on the revision number), credited to the token's assistant if it names one.
/// The entry's other fields (a topic's researchers, a meeting's action items) stay as they are.
/// </summary>
public sealed class EntryWrites(EntryEditor editor, IDbContextFactory<WikiDbContext> dbFactory, Audit audit)
{
    public async Task<ApiAnswer<EditedEntry>> EditAsync(ApiCaller caller, ApiLinks links, string slug, EntryEdit edit, CancellationToken cancellationToken)
    {
        if (caller.User is not { } user)
        {
            return ApiAnswer<EditedEntry>.Refused(StatusCodes.Status401Unauthorized, "Send a personal access token with the scope write.");
        }
        if (!caller.May(TokenScope.Write))
        {
            return ApiAnswer<EditedEntry>.Refused(StatusCodes.Status403Forbidden,
                $"This token's scope is {caller.Scope.ToString().ToLowerInvariant()}; editing needs write. Propose the change instead: POST {ApiEndpoints.Prefix}/entries/{slug}/suggestions.");
        }
        if (edit.BaseRevision is not { } baseRevision || edit.Body is null)
        {
            return ApiAnswer<EditedEntry>.BadRequest($"Send baseRevision (the revision your text was made on, from GET {ApiEndpoints.Prefix}/entries/{slug}) and body.");
        }
        if (await editor.OpenAsync(user.Id, slug, cancellationToken) is not { } session)
        {
            return ApiAnswer<EditedEntry>.NotFound();
        }
        if (session.Refusal is { } refusal)
        {
            return ApiAnswer<EditedEntry>.Refused(StatusCodes.Status403Forbidden, refusal);
        }
        var input = SuggestedFields.InputOf(session) with { Title = edit.Title ?? session.Title, Body = edit.Body, EditNote = edit.Note ?? "" };
        switch (await editor.SaveThroughTokenAsync(user.Id, session.EntryId, baseRevision, input, caller.AssistantName, cancellationToken))
        {
            case SaveResult.Saved saved:
                await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
                {
                    audit.Add(db, user, AuditActions.TokenWrote, caller.Wrote($"revision {saved.RevisionNumber} of {saved.Slug}"), saved.EntryId);
                    await db.SaveChangesAsync(cancellationToken);
                }
                return new(new EditedEntry(saved.Slug, saved.RevisionNumber, Changed: true, links.Entry(session.Kind, saved.Slug)));
            case SaveResult.Unchanged unchanged:
                return new(new EditedEntry(session.Slug, unchanged.RevisionNumber, Changed: false, links.Entry(session.Kind, session.Slug)));
            case SaveResult.Conflict conflict:
                return ApiAnswer<EditedEntry>.Refused(StatusCodes.Status409Conflict,
                    $"{conflict.TheirAuthor} saved revision {conflict.TheirRevisionNumber} after revision {baseRevision}, so nothing was saved. "
                    + $"Read the entry again, make your change to its text, and send it with baseRevision {conflict.TheirRevisionNumber}.");
            case SaveResult.Invalid invalid:
                return ApiAnswer<EditedEntry>.BadRequest(ApiProblems.FieldErrors(invalid.Errors));
            case SaveResult.Refused refused:
                return ApiAnswer<EditedEntry>.Refused(refused.Message == WriteRateLimit.TooFast ? StatusCodes.Status429TooManyRequests : StatusCodes.Status403Forbidden, refused.Message);
            case SaveResult.Failed failed:
                return ApiAnswer<EditedEntry>.Refused(StatusCodes.Status503ServiceUnavailable, $"{failed.Message} (reference {failed.Reference})");
            default:
                return ApiAnswer<EditedEntry>.NotFound();
        }
    }

    public static async Task<Results<Ok<EditedEntry>, ProblemHttpResult>> PutAsync(
        HttpContext http, EntryWrites writes, string slug, EntryEdit edit, CancellationToken cancellationToken) =>
        ApiProblems.OkOr(await writes.EditAsync(ApiCaller.Of(http), ApiLinks.Of(http), slug, edit, cancellationToken));
}
