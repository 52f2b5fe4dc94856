using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Suggestions;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Api;

/// <summary>
/// A suggested edit made through a token, for /api/v1 and the MCP tool suggest_edit alike: the scope is checked
/// first, then the entry is read as the member may read it, then the suggestion service decides as it does for people.
/// </summary>
public sealed class SuggestionQueries(IDbContextFactory<WikiDbContext> dbFactory, SuggestedEdits suggestions, Audit audit)
{
    public async Task<ApiAnswer<SuggestionItem>> SuggestAsync(ApiCaller caller, string slug, NewSuggestion suggestion, CancellationToken cancellationToken)
    {
        if (caller.User is not { } user)
        {
            return ApiAnswer<SuggestionItem>.Refused(StatusCodes.Status401Unauthorized, "Send a personal access token with the scope suggest or above.");
        }
        if (!caller.May(TokenScope.Suggest))
        {
            return ApiAnswer<SuggestionItem>.Refused(StatusCodes.Status403Forbidden,
                $"This token's scope is {caller.Scope.ToString().ToLowerInvariant()}; suggesting needs suggest or above.");
        }
        if (suggestion.Body is null)
        {
            return ApiAnswer<SuggestionItem>.BadRequest("Send the suggested text as body (and, if it changes, the title).");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.Entries.ReadableBy(user).Where(e => e.Slug == slug)
            .Select(e => new { e.Id, e.Title, e.Visibility, e.ProgramId, e.RevisionNumber }).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return ApiAnswer<SuggestionItem>.NotFound();
        }
        var input = new EntryInput(suggestion.Title ?? entry.Title, suggestion.Body, entry.Visibility, entry.ProgramId, suggestion.Note ?? "");
        switch (await suggestions.CreateAsync(user.Id, entry.Id, suggestion.BaseRevision ?? entry.RevisionNumber, input, caller.AssistantName, cancellationToken))
        {
            case SuggestionResult.Done done:
                audit.Add(db, user, AuditActions.TokenWrote, caller.Wrote($"suggestion #{done.SuggestionId}"), entry.Id);
                await db.SaveChangesAsync(cancellationToken);
                return new(SuggestionEndpoints.ItemOf((await suggestions.GetAsync(done.SuggestionId, user, cancellationToken))!));
            case SuggestionResult.Invalid invalid:
                return ApiAnswer<SuggestionItem>.BadRequest(ApiProblems.FieldErrors(invalid.Errors));
            case SuggestionResult.Refused { NotAllowed: true } refused:
                return ApiAnswer<SuggestionItem>.Refused(StatusCodes.Status403Forbidden, refused.Message);
            case SuggestionResult.Refused refused:
                return ApiAnswer<SuggestionItem>.Refused(refused.Message == WriteRateLimit.TooFast ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest, refused.Message);
            default:
                return ApiAnswer<SuggestionItem>.NotFound();
        }
    }
}
