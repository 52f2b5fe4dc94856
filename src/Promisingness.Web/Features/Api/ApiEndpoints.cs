using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Search;
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
        api.MapGet("/entries/{slug}/revisions", ListRevisionsAsync).WithName("ListRevisions").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/search", SearchAsync).WithName("Search").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/entries/{slug}/comments", ListCommentsAsync).WithName("ListComments").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/entries/{slug}/comments", PostCommentAsync).WithName("PostComment").RequireAuthorization(ApiServices.WriterPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
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
        EntryKind? kindWanted = null;
        if (kind is not null)
        {
            if (KindOf(kind) is not { } parsed)
            {
                return ApiProblems.BadRequest("kind must be page, topic, question, meeting or summary.");
            }
            kindWanted = parsed;
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
        HttpContext http, IDbContextFactory<WikiDbContext> dbFactory, string slug, CancellationToken cancellationToken)
    {
        var reader = ApiCaller.Of(http).User;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Entries.ReadableBy(reader).Where(e => e.Slug == slug)
            .Select(e => new { e.Id, Program = e.Program == null ? null : e.Program.Code }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return await RenamedEntries.CurrentSlugAsync(db, slug, kind: null, reader, cancellationToken) is { } moved
                ? TypedResults.Redirect($"{Prefix}/entries/{moved}", permanent: true, preserveMethod: true)
                : ApiProblems.NotFound();
        }
        // With the rows of its kind's fields, as a revision records them.
        var entry = (await EntryGraph.WithFieldsAsync(db, found.Id, cancellationToken))!;
        return TypedResults.Ok(new EntryDetail(entry.Slug, entry.Kind, entry.Title, found.Program, entry.Visibility, entry.Status, entry.RevisionNumber,
            entry.CreatedAt, entry.UpdatedAt, Url(http, entry.Kind, entry.Slug), entry.BodyMarkdown, entry.BodyHtml, EntryFields.Of(entry)));
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
        var items = rows.Take(take).Select(r => new RevisionItem(r.Number, r.Title, r.AuthorName, r.AuthorProgramCode, r.CreatedAt, r.EditNote)).ToList();
        return TypedResults.Ok(new ApiPage<RevisionItem>(items, rows.Count > take ? ApiCursor.Of(rows[take - 1].Number) : null));
    }

    private static async Task<Results<Ok<ApiPage<SearchItem>>, ProblemHttpResult>> SearchAsync(
        HttpContext http, SearchService search, string? q, string? kind, string? program, string? tag, string? cursor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return ApiProblems.BadRequest("Say what to search for: /api/v1/search?q=words.");
        }
        if (!ApiCursor.TryRead(cursor, out var page) || page < 1)
        {
            return ApiProblems.BadRequest(ApiCursor.BadCursor);
        }
        EntryKind? kindWanted = null;
        if (kind is not null)
        {
            if (KindOf(kind) is not { } parsed)
            {
                return ApiProblems.BadRequest("kind must be page, topic, question, meeting or summary.");
            }
            kindWanted = parsed;
        }
        var number = page ?? 1;
        var results = await search.SearchAsync(new SearchRequest(q, kindWanted, program, null, tag, number), ApiCaller.Of(http).User, cancellationToken);
        var items = results.Hits.Select(h => new SearchItem(h.Kind, Plain(h.Title), Plain(h.Snippet), h.ProgramCode, h.Visibility, Absolute(http, h.Url))).ToList();
        return TypedResults.Ok(new ApiPage<SearchItem>(items, number < results.PageCount ? ApiCursor.Of(number + 1) : null));
    }

    private static async Task<Results<Ok<IReadOnlyList<ThreadItem>>, ProblemHttpResult>> ListCommentsAsync(
        HttpContext http, IDbContextFactory<WikiDbContext> dbFactory, Discussions discussions, string slug, CancellationToken cancellationToken)
    {
        var reader = ApiCaller.Of(http).User;
        if (await ReadableEntryIdAsync(dbFactory, slug, reader, cancellationToken) is not { } entryId)
        {
            return ApiProblems.NotFound();
        }
        if (reader is null)
        {
            return ApiProblems.Unauthorized("Discussions are for members: send a personal access token.");
        }
        var threads = await discussions.ThreadsAsync(entryId, reader, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ThreadItem>>([.. threads.Select(t => new ThreadItem(t.Id, t.Quote, t.Outdated, t.OpenedByName, t.CreatedAt, t.ResolvedAt,
            [.. t.Comments.Select(c => new CommentItem(c.Id, c.ParentId, c.AuthorName, c.Markdown, c.Html, c.CreatedAt, c.EditedAt, c.Deleted))]))]);
    }

    private static async Task<Results<Created<PostedComment>, ProblemHttpResult>> PostCommentAsync(
        HttpContext http, IDbContextFactory<WikiDbContext> dbFactory, Discussions discussions, Audit audit, string slug, NewComment comment, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.Of(http);
        if (caller.User is not { } user)
        {
            return ApiProblems.Unauthorized("Send a personal access token with the scope comment or above.");
        }
        if (!caller.May(TokenScope.Comment))
        {
            return ApiProblems.Forbidden($"This token's scope is {caller.Scope.ToString().ToLowerInvariant()}; commenting needs comment or above.");
        }
        if (await ReadableEntryIdAsync(dbFactory, slug, user, cancellationToken) is not { } entryId)
        {
            return ApiProblems.NotFound();
        }
        DiscussionOutcome outcome;
        if (comment.ThreadId is { } threadId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.CommentThreads.AnyAsync(t => t.Id == threadId && t.EntryId == entryId, cancellationToken))
            {
                return ApiProblems.NotFound("There is no such discussion on this entry.");
            }
            outcome = await discussions.ReplyAsync(user.Id, threadId, comment.ReplyTo, comment.Text ?? "", cancellationToken);
        }
        else
        {
            outcome = await discussions.OpenAsync(user.Id, entryId, comment.Text ?? "", anchor: null, cancellationToken);
        }
        if (outcome.Error is { } error)
        {
            return error == WriteRateLimit.TooFast ? ApiProblems.TooMany(error) : ApiProblems.BadRequest(error);
        }
        var posted = comment.ThreadId is { } thread ? new PostedComment(thread, outcome.Id) : new PostedComment(outcome.Id!.Value, null);
        await AuditWriteAsync(dbFactory, audit, caller, $"comment in discussion #{posted.ThreadId}", entryId, cancellationToken);
        return TypedResults.Created($"{Prefix}/entries/{slug}/comments", posted);
    }

    /// <summary>
    /// A write through a token is audited with the token that made it. The comment is already saved by the discussion
    /// service, so this row follows it in a context of its own.
    /// </summary>
    private static async Task AuditWriteAsync(IDbContextFactory<WikiDbContext> dbFactory, Audit audit, ApiCaller caller, string what, int entryId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assistant = caller.AssistantName is { } name ? $", by {name}" : "";
        audit.Add(db, caller.User!, AuditActions.TokenWrote, $"{what} through token #{caller.TokenId} \"{caller.TokenName}\"{assistant}", entryId);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<int?> ReadableEntryIdAsync(IDbContextFactory<WikiDbContext> dbFactory, string slug, WikiUser? reader, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var id = await db.Entries.ReadableBy(reader).Where(e => e.Slug == slug).Select(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        return id == 0 ? null : id;
    }

    private static EntryKind? KindOf(string text) =>
        text.Equals("summary", StringComparison.OrdinalIgnoreCase) ? EntryKind.WeeklySummary
        : Enum.TryParse<EntryKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !char.IsDigit(text[0]) ? kind
        : null;

    private static string Plain(IReadOnlyList<TextPart> parts) => string.Concat(parts.Select(p => p.Text));

    private static string Url(HttpContext http, EntryKind kind, string slug) => Absolute(http, EntryUrls.For(kind, slug));

    private static string Absolute(HttpContext http, string relative) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/{relative.TrimStart('.', '/')}";
}
