using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Suggestions;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Api;

/// <summary>A suggested text as a script sends it: the title and the other fields stay as they are unless given.</summary>
public sealed record NewSuggestion(string? Body, string? Title = null, int? BaseRevision = null, string? Note = null);

/// <summary>A suggestion with its changes rebased on the entry's current revision.</summary>
public sealed record SuggestionItem(
    int Id, string Entry, int BaseRevision, int CurrentRevision, string SuggestedBy, string? Assistant, DateTimeOffset CreatedAt, string Note,
    SuggestionState State, IReadOnlyList<HunkItem> Hunks);

/// <summary>One change: its diff as unified-diff lines (starting "+", "-" or " ", as the revision diff's), and where it stands.</summary>
public sealed record HunkItem(int Index, HunkPart Part, HunkState State, IReadOnlyList<string> Diff, string? DecidedBy);

/// <summary>/api/v1's suggestions: create one (a token of scope suggest or above), list an entry's, read one's state.</summary>
public static class SuggestionEndpoints
{
    public static void MapSuggestionApi(this RouteGroupBuilder api)
    {
        api.MapPost("/entries/{slug}/suggestions", CreateAsync).WithName("SuggestEdit").RequireAuthorization(ApiServices.WriterPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/entries/{slug}/suggestions", ListAsync).WithName("ListSuggestions").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/suggestions/{id}", GetAsync).WithName("GetSuggestion").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private const string MembersOnly = "Suggestions are for members: send a personal access token.";

    private static async Task<Results<Created<SuggestionItem>, ProblemHttpResult>> CreateAsync(
        HttpContext http, SuggestionQueries queries, string slug, NewSuggestion suggestion, CancellationToken cancellationToken)
    {
        var answer = await queries.SuggestAsync(ApiCaller.Of(http), slug, suggestion, cancellationToken);
        return answer.Value is { } created ? TypedResults.Created($"{ApiEndpoints.Prefix}/suggestions/{created.Id}", created) : ApiProblems.Of(answer);
    }

    private static async Task<Results<Ok<IReadOnlyList<SuggestionItem>>, ProblemHttpResult>> ListAsync(
        HttpContext http, IDbContextFactory<WikiDbContext> dbFactory, SuggestedEdits suggestions, string slug, CancellationToken cancellationToken)
    {
        var reader = ApiCaller.Of(http).User;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entryId = await db.Entries.ReadableBy(reader).Where(e => e.Slug == slug).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (entryId is null)
        {
            return ApiProblems.NotFound();
        }
        if (reader is null)
        {
            return ApiProblems.Unauthorized(MembersOnly);
        }
        return TypedResults.Ok<IReadOnlyList<SuggestionItem>>([.. (await suggestions.AllOnEntryAsync(entryId.Value, reader, cancellationToken)).Select(ItemOf)]);
    }

    private static async Task<Results<Ok<SuggestionItem>, ProblemHttpResult>> GetAsync(HttpContext http, SuggestedEdits suggestions, int id, CancellationToken cancellationToken)
    {
        if (ApiCaller.Of(http).User is not { } reader)
        {
            return ApiProblems.Unauthorized(MembersOnly);
        }
        return await suggestions.GetAsync(id, reader, cancellationToken) is { } view
            ? TypedResults.Ok(ItemOf(view))
            : ApiProblems.NotFound("There is no such suggestion, or you may not read it.");
    }

    internal static SuggestionItem ItemOf(SuggestionView view) => new(
        view.Id, view.EntrySlug, view.BaseRevision, view.CurrentRevision, view.SuggesterName, view.AssistantName, view.CreatedAt, view.Note, view.State,
        [.. view.Hunks.Select(h => new HunkItem(h.Index, h.Part, h.State, [.. h.Lines.Select(l => l.AsUnified())], h.DecidedBy))]);
}
