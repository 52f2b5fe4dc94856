using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Summaries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Api;

/// <summary>
/// /api/v1: entries, their revisions, search and comments, for scripts and assistants. A caller is a token's member
/// (TokenAuthentication) or an anonymous visitor; the sign-in cookie never counts here, so a page on another site
/// cannot make a signed-in browser post. EntryPermissions decide, through the same queries and services as the pages.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    /// <summary>Weeks of summaries per page of /summaries: about a month.</summary>
    private const int SummaryWeeksPerPage = 4;

    public static void MapWikiApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();
        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization(ApiServices.CallerPolicy)
            .RequireRateLimiting(ApiRateLimit.Policy)
            .AddEndpointFilter(async (context, next) =>
                await context.HttpContext.RequestServices.GetRequiredService<MachineAccess>().IsOnAsync(context.HttpContext.RequestAborted)
                    ? await next(context)
                    : ApiProblems.Unavailable("An admin has switched machine access off for this wiki."))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Wiki");

        api.MapGet("/entries", ListEntriesAsync).WithName("ListEntries").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/entries/{slug}", GetEntryAsync).WithName("GetEntry").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/entries/{slug}", EntryWrites.PutAsync).WithName("EditEntry").RequireAuthorization(ApiServices.WriterPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/entries/{slug}/revisions", ListRevisionsAsync).WithName("ListRevisions").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/search", SearchAsync).WithName("Search").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/entries/{slug}/comments", ListCommentsAsync).WithName("ListComments").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/entries/{slug}/comments", PostCommentAsync).WithName("PostComment").RequireAuthorization(ApiServices.WriterPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/entries/{slug}/comments/{id}/replies", PostReplyAsync).WithName("PostReply").RequireAuthorization(ApiServices.WriterPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/entries/{slug}/revisions/{number}/diff", DiffAsync).WithName("DiffRevision").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/questions", ListQuestionsAsync).WithName("ListQuestions").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/summaries", ListSummariesAsync).WithName("ListSummaries").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/changes", ListChangesAsync).WithName("ListChanges").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapSuggestionApi();
    }

    private static async Task<Results<Ok<ApiPage<EntryItem>>, ProblemHttpResult>> ListEntriesAsync(
        HttpContext http, IDbContextFactory<WikiDbContext> dbFactory, string? kind, string? program, string? tag, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryRead(cursor, out var after))
        {
            return ApiProblems.BadRequest(ApiCursor.BadCursor);
        }
        if (!ApiCursor.TryLimit(limit, out var take))
        {
            return ApiProblems.BadRequest(ApiCursor.BadLimit);
        }
        if (!ApiQueries.TryKind(kind, out var kindWanted))
        {
            return ApiProblems.BadRequest(ApiQueries.KindProblem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.Entries.AsNoTracking().ReadableBy(ApiCaller.Of(http).User);
        if (kindWanted is { } k)
        {
            entries = entries.Where(e => e.Kind == k);
        }
        if (program is { Length: > 0 })
        {
            var code = program.ToLowerInvariant();
            entries = entries.Where(e => e.Program != null && e.Program.Code.ToLower() == code);
        }
        if (tag is { Length: > 0 })
        {
            var name = tag.ToLowerInvariant();
            entries = entries.Where(e => e.Tags.Any(t => t.Name == name));
        }
        if (after is { } id)
        {
            entries = entries.Where(e => e.Id > id);
        }
        var rows = await entries.OrderBy(e => e.Id).Take(take + 1)
            .Select(e => new { e.Id, e.Slug, e.Kind, e.Title, Program = e.Program == null ? null : e.Program.Code, e.Visibility, e.Status, e.RevisionNumber, e.UpdatedAt })
            .ToListAsync(cancellationToken);
        var items = rows.Take(take).Select(e => new EntryItem(e.Slug, e.Kind, e.Title, e.Program, e.Visibility, e.Status, e.RevisionNumber, e.UpdatedAt, Url(http, e.Kind, e.Slug))).ToList();
        return TypedResults.Ok(new ApiPage<EntryItem>(items, rows.Count > take ? ApiCursor.Of(rows[take - 1].Id) : null));
    }

    private static async Task<Results<Ok<EntryDetail>, RedirectHttpResult, ProblemHttpResult>> GetEntryAsync(
        HttpContext http, ApiQueries queries, string slug, CancellationToken cancellationToken)
    {
        var answer = await queries.EntryAsync(ApiCaller.Of(http), ApiLinks.Of(http), slug, cancellationToken);
        return answer.MovedTo is { } moved ? TypedResults.Redirect($"{Prefix}/entries/{moved}", permanent: true, preserveMethod: true)
            : answer.Value is { } entry ? TypedResults.Ok(entry)
            : ApiProblems.Of(answer);
    }

    private static async Task<Results<Ok<ApiPage<RevisionItem>>, ProblemHttpResult>> ListRevisionsAsync(
        HttpContext http, EntryHistory history, string slug, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryRead(cursor, out var before))
        {
            return ApiProblems.BadRequest(ApiCursor.BadCursor);
        }
        if (!ApiCursor.TryLimit(limit, out var take))
        {
            return ApiProblems.BadRequest(ApiCursor.BadLimit);
        }
        var found = await history.GetAsync(slug, ApiCaller.Of(http).User, cancellationToken);
        if (found.Value is not { } view)
        {
            return ApiProblems.NotFound(found.MovedTo is { } moved ? $"This entry moved to {Prefix}/entries/{moved}." : "There is no such entry, or you may not read it.");
        }
        // Newest first, as the history page lists them.
        var rows = view.Revisions.Where(r => before is null || r.Number < before).Take(take + 1).ToList();
        var items = rows.Take(take).Select(r => Item(r)).ToList();
        return TypedResults.Ok(new ApiPage<RevisionItem>(items, rows.Count > take ? ApiCursor.Of(rows[take - 1].Number) : null));
    }

    private static async Task<Results<Ok<ApiPage<SearchItem>>, ProblemHttpResult>> SearchAsync(
        HttpContext http, ApiQueries queries, string? q, string? kind, string? program, string? tag, string? cursor, CancellationToken cancellationToken) =>
        ApiProblems.OkOr(await queries.SearchAsync(ApiCaller.Of(http), ApiLinks.Of(http), q, kind, program, tag, cursor, cancellationToken));

    private static async Task<Results<Ok<ApiPage<QuestionItem>>, ProblemHttpResult>> ListQuestionsAsync(
        HttpContext http, ApiQueries queries, string? cursor, CancellationToken cancellationToken) =>
        ApiProblems.OkOr(await queries.QuestionsAsync(ApiCaller.Of(http), ApiLinks.Of(http), cursor, cancellationToken));

    private static async Task<Results<Ok<ApiPage<ChangeItem>>, ProblemHttpResult>> ListChangesAsync(
        HttpContext http, ApiQueries queries, string? kind, string? cursor, CancellationToken cancellationToken) =>
        ApiProblems.OkOr(await queries.RecentAsync(ApiCaller.Of(http), ApiLinks.Of(http), kind, cursor, cancellationToken));

    /// <summary>Revision <paramref name="number"/> against an earlier one (<paramref name="from"/>, by default the one before), as unified text.</summary>
    private static async Task<Results<Ok<DiffItem>, ProblemHttpResult>> DiffAsync(
        HttpContext http, EntryHistory history, string slug, int number, int? from, CancellationToken cancellationToken)
    {
        var older = from ?? number - 1;
        if (older < 1 || older >= number)
        {
            return ApiProblems.BadRequest("from must be an earlier revision than the one diffed, and at least 1.");
        }
        var found = await history.DiffAsync(slug, older, number, ApiCaller.Of(http).User, cancellationToken);
        if (found.Value is not { } diff)
        {
            return ApiProblems.NotFound(found.MovedTo is { } moved ? $"This entry moved to {Prefix}/entries/{moved}." : "There is no such entry or revision, or you may not read it.");
        }
        return TypedResults.Ok(new DiffItem(diff.Slug, Item(diff.From), Item(diff.To), Unified(diff.TitleLines), Unified(diff.BodyLines), Unified(diff.FieldLines)));
    }

    /// <summary>The weekly summaries the caller may read, newest week first, a few weeks a page; the cursor is the next older week.</summary>
    private static async Task<Results<Ok<ApiPage<SummaryItem>>, ProblemHttpResult>> ListSummariesAsync(
        HttpContext http, SummaryQueries summaries, string? cursor, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryRead(cursor, out var week) || (week is { } w && !IsoWeek.TryParse($"{w / 100}-W{w % 100:00}", out _)))
        {
            return ApiProblems.BadRequest(ApiCursor.BadCursor);
        }
        IsoWeek? until = week is { } u ? new IsoWeek(u / 100, u % 100) : null;
        var list = await summaries.ListAsync(ApiCaller.Of(http).User, until, SummaryWeeksPerPage, cancellationToken);
        var links = ApiLinks.Of(http);
        var items = list.Cards.Select(c => new SummaryItem(c.Slug, c.Title, c.Week.ToString(), c.Topic?.Slug, c.Author.Name, c.State, c.Visibility, c.Excerpt,
            links.Entry(EntryKind.WeeklySummary, c.Slug))).ToList();
        return TypedResults.Ok(new ApiPage<SummaryItem>(items, list.Older is { } older ? ApiCursor.Of((older.Year * 100) + older.Week) : null));
    }

    private static async Task<Results<Ok<IReadOnlyList<ThreadItem>>, ProblemHttpResult>> ListCommentsAsync(
        HttpContext http, ApiQueries queries, Discussions discussions, string slug, CancellationToken cancellationToken)
    {
        var reader = ApiCaller.Of(http).User;
        if (await queries.ReadableEntryIdAsync(slug, reader, cancellationToken) is not { } entryId)
        {
            return ApiProblems.NotFound();
        }
        if (reader is null)
        {
            return ApiProblems.Unauthorized("Discussions are for members: send a personal access token.");
        }
        var threads = await discussions.ThreadsAsync(entryId, reader, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ThreadItem>>([.. threads.Select(t => new ThreadItem(t.Id, t.Quote, t.Outdated, t.OpenedByName, t.CreatedAt, t.ResolvedAt,
            [.. t.Comments.Select(c => new CommentItem(c.Id, c.ParentId, c.AuthorName, c.AssistantName, c.Markdown, c.Html, c.CreatedAt, c.EditedAt, c.Deleted))]))]);
    }

    private static async Task<Results<Created<PostedComment>, ProblemHttpResult>> PostCommentAsync(
        HttpContext http, ApiQueries queries, string slug, NewComment comment, CancellationToken cancellationToken)
    {
        var answer = await queries.PostCommentAsync(ApiCaller.Of(http), slug, comment, cancellationToken);
        return answer.Value is { } posted ? TypedResults.Created($"{Prefix}/entries/{slug}/comments", posted) : ApiProblems.Of(answer);
    }

    /// <summary>A reply to comment <paramref name="id"/>, in its discussion.</summary>
    private static async Task<Results<Created<PostedComment>, ProblemHttpResult>> PostReplyAsync(
        HttpContext http, ApiQueries queries, IDbContextFactory<WikiDbContext> dbFactory, string slug, int id, NewReply reply, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var threadId = await db.Comments.Where(c => c.Id == id && c.Thread!.Entry!.Slug == slug).Select(c => (int?)c.ThreadId).FirstOrDefaultAsync(cancellationToken);
        // An unknown comment is answered as a missing discussion, after the scope checks: a read token learns nothing.
        var answer = await queries.PostCommentAsync(ApiCaller.Of(http), slug, new NewComment(reply.Text, threadId ?? 0, id), cancellationToken);
        return answer.Value is { } posted ? TypedResults.Created($"{Prefix}/entries/{slug}/comments", posted) : ApiProblems.Of(answer);
    }

    private static RevisionItem Item(RevisionRow r) => new(r.Number, r.Title, r.AuthorName, r.AssistantName, r.AuthorProgramCode, r.CreatedAt, r.EditNote);

    private static string Unified(IReadOnlyList<DiffLine> lines) =>
        string.Join("\n", lines.Select(l => l.AsUnified()));

    private static string Url(HttpContext http, EntryKind kind, string slug) => ApiLinks.Of(http).Entry(kind, slug);
}
