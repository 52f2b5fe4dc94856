using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Credences;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Questions;
using Promisingness.Web.Features.Recent;
using Promisingness.Web.Features.Search;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Api;

/// <summary>
/// What /api/v1 and /mcp both answer, in one place, so that a tool and a route given the same token say the same
/// thing: the reads go through the pages' own queries (which ask EntryPermissions), the writes through the pages'
/// own services. The caller's scope is checked here, before anything is read or written for a write.
/// </summary>
public sealed class ApiQueries(
    IDbContextFactory<WikiDbContext> dbFactory,
    SearchService search,
    Discussions discussions,
    Audit audit,
    QuestionQueries questions,
    CredenceBook credences,
    RecentChanges recent)
{
    public const string KindProblem = "kind must be page, topic, question, meeting or summary.";

    public async Task<ApiAnswer<EntryDetail>> EntryAsync(ApiCaller caller, ApiLinks links, string slug, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Entries.ReadableBy(caller.User).Where(e => e.Slug == slug)
            .Select(e => new { e.Id, Program = e.Program == null ? null : e.Program.Code }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return await RenamedEntries.CurrentSlugAsync(db, slug, kind: null, caller.User, cancellationToken) is { } moved
                ? ApiAnswer<EntryDetail>.Moved(moved)
                : ApiAnswer<EntryDetail>.NotFound();
        }
        // With the rows of its kind's fields, as a revision records them.
        var entry = (await EntryGraph.WithFieldsAsync(db, found.Id, cancellationToken))!;
        return new(new EntryDetail(entry.Slug, entry.Kind, entry.Title, found.Program, entry.Visibility, entry.Status, entry.RevisionNumber,
            entry.CreatedAt, entry.UpdatedAt, links.Entry(entry.Kind, entry.Slug), entry.BodyMarkdown, entry.BodyHtml, EntryFields.Of(entry)));
    }

    /// <summary>A page of search hits; the cursor is the page number.</summary>
    public async Task<ApiAnswer<ApiPage<SearchItem>>> SearchAsync(ApiCaller caller, ApiLinks links, string? q, string? kind, string? program, string? tag, string? cursor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return ApiAnswer<ApiPage<SearchItem>>.BadRequest("Say what to search for: /api/v1/search?q=words.");
        }
        if (!ApiCursor.TryRead(cursor, out var page) || page < 1)
        {
            return ApiAnswer<ApiPage<SearchItem>>.BadRequest(ApiCursor.BadCursor);
        }
        if (!TryKind(kind, out var kindWanted))
        {
            return ApiAnswer<ApiPage<SearchItem>>.BadRequest(KindProblem);
        }
        var number = page ?? 1;
        var results = await search.SearchAsync(new SearchRequest(q, kindWanted, program, null, tag, number), caller.User, cancellationToken);
        var items = results.Hits.Select(h => new SearchItem(h.Kind, Plain(h.Title), Plain(h.Snippet), h.ProgramCode, h.Visibility, links.Absolute(h.Url))).ToList();
        return new(new ApiPage<SearchItem>(items, number < results.PageCount ? ApiCursor.Of(number + 1) : null));
    }

    /// <summary>A page of the questions the caller may read, in the questions page's order, each with its estimates; the cursor is the page number.</summary>
    public async Task<ApiAnswer<ApiPage<QuestionItem>>> QuestionsAsync(ApiCaller caller, ApiLinks links, string? cursor, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryRead(cursor, out var page) || page < 1)
        {
            return ApiAnswer<ApiPage<QuestionItem>>.BadRequest(ApiCursor.BadCursor);
        }
        var list = await questions.ListAsync(caller.User, page ?? 1, cancellationToken);
        var items = new List<QuestionItem>();
        foreach (var question in list.Items)
        {
            // The question page's own summary: numbers for everyone who may read it, names for members only.
            var estimates = await credences.SummaryAsync(question.Id, caller.User, cancellationToken);
            items.Add(new QuestionItem(question.Slug, question.Title, question.Removed, links.Entry(EntryKind.Question, question.Slug), estimates.Median, estimates.People,
                [.. estimates.Latest.Select(c => new EstimateItem(c.MemberName, c.Probability, c.Rationale, c.At))]));
        }
        return new(new ApiPage<QuestionItem>(items, list.PageNumber < list.PageCount ? ApiCursor.Of(list.PageNumber + 1) : null));
    }

    /// <summary>The newest changes the caller may read, as /recent lists them; the cursor is the page number.</summary>
    public async Task<ApiAnswer<ApiPage<ChangeItem>>> RecentAsync(ApiCaller caller, ApiLinks links, string? kind, string? cursor, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryRead(cursor, out var page) || page < 1 || page > RecentChanges.MaxPage)
        {
            return ApiAnswer<ApiPage<ChangeItem>>.BadRequest(ApiCursor.BadCursor);
        }
        if (!TryKind(kind, out var kindWanted))
        {
            return ApiAnswer<ApiPage<ChangeItem>>.BadRequest(KindProblem);
        }
        var number = page ?? 1;
        var changes = await recent.ListAsync(caller.User, new RecentFilter(Kind: kindWanted, Page: number), cancellationToken);
        var items = changes.Changes.Select(c => new ChangeItem(c.Slug, c.Kind, c.EntryTitle, c.Number, c.Credit, c.At, c.EditNote, links.Absolute(c.EntryUrl))).ToList();
        return new(new ApiPage<ChangeItem>(items, changes.HasMore && number < RecentChanges.MaxPage ? ApiCursor.Of(number + 1) : null));
    }

    /// <summary>
    /// A new discussion on the entry, or a reply in one of its discussions; written by the token's member, with the
    /// token's assistant named on it, and audited with the token.
    /// </summary>
    public async Task<ApiAnswer<PostedComment>> PostCommentAsync(ApiCaller caller, string slug, NewComment comment, CancellationToken cancellationToken)
    {
        if (caller.User is not { } user)
        {
            return ApiAnswer<PostedComment>.Refused(StatusCodes.Status401Unauthorized, "Send a personal access token with the scope comment or above.");
        }
        if (!caller.May(TokenScope.Comment))
        {
            return ApiAnswer<PostedComment>.Refused(StatusCodes.Status403Forbidden,
                $"This token's scope is {caller.Scope.ToString().ToLowerInvariant()}; commenting needs comment or above.");
        }
        if (await ReadableEntryIdAsync(slug, user, cancellationToken) is not { } entryId)
        {
            return ApiAnswer<PostedComment>.NotFound();
        }
        DiscussionOutcome outcome;
        if (comment.ThreadId is { } threadId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.CommentThreads.AnyAsync(t => t.Id == threadId && t.EntryId == entryId, cancellationToken))
            {
                return ApiAnswer<PostedComment>.NotFound("There is no such discussion on this entry.");
            }
            outcome = await discussions.ReplyAsync(user.Id, threadId, comment.ReplyTo, comment.Text ?? "", cancellationToken, caller.AssistantName);
        }
        else if (comment.ReplyTo is not null)
        {
            return ApiAnswer<PostedComment>.BadRequest("A reply names its discussion: give threadId with replyTo.");
        }
        else
        {
            outcome = await discussions.OpenAsync(user.Id, entryId, comment.Text ?? "", anchor: null, cancellationToken, caller.AssistantName);
        }
        if (outcome.Error is { } error)
        {
            return ApiAnswer<PostedComment>.Refused(error == WriteRateLimit.TooFast ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest, error);
        }
        var posted = comment.ThreadId is { } thread ? new PostedComment(thread, outcome.Id) : new PostedComment(outcome.Id!.Value, null);
        await AuditWriteAsync(caller, $"comment in discussion #{posted.ThreadId}", entryId, cancellationToken);
        return new(posted);
    }

    public async Task<int?> ReadableEntryIdAsync(string slug, WikiUser? reader, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var id = await db.Entries.ReadableBy(reader).Where(e => e.Slug == slug).Select(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        return id == 0 ? null : id;
    }

    /// <summary>
    /// A write through a token is audited with the token that made it. The comment is already saved by the discussion
    /// service, so this row follows it in a context of its own.
    /// </summary>
    private async Task AuditWriteAsync(ApiCaller caller, string what, int entryId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        audit.Add(db, caller.User!, AuditActions.TokenWrote, caller.Wrote(what), entryId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>False when a kind was given that is not one; null kind when none was given.</summary>
    public static bool TryKind(string? text, out EntryKind? kind)
    {
        kind = null;
        if (text is null)
        {
            return true;
        }
        kind = text.Equals("summary", StringComparison.OrdinalIgnoreCase) ? EntryKind.WeeklySummary
            : Enum.TryParse<EntryKind>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && text.Length > 0 && !char.IsDigit(text[0]) ? parsed
            : null;
        return kind is not null;
    }

    private static string Plain(IReadOnlyList<TextPart> parts) => string.Concat(parts.Select(p => p.Text));
}

/// <summary>An answer, or why not: a status and a sentence (and, for a renamed entry, where it is now).</summary>
public sealed record ApiAnswer<T>(T? Value, int Status = StatusCodes.Status200OK, string? Problem = null, string? MovedTo = null) where T : class
{
    public static ApiAnswer<T> Refused(int status, string problem) => new(null, status, problem);

    public static ApiAnswer<T> BadRequest(string problem) => Refused(StatusCodes.Status400BadRequest, problem);

    public static ApiAnswer<T> NotFound(string problem = "There is no such entry, or you may not read it.") => Refused(StatusCodes.Status404NotFound, problem);

    public static ApiAnswer<T> Moved(string slug) => new(null, StatusCodes.Status301MovedPermanently, $"This entry moved to {ApiEndpoints.Prefix}/entries/{slug}.", slug);
}

/// <summary>Absolute links to the wiki's pages, from the request the caller made.</summary>
public sealed record ApiLinks(string BaseUrl)
{
    public static ApiLinks Of(HttpContext http) => new($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");

    public string Entry(EntryKind kind, string slug) => Absolute(EntryUrls.For(kind, slug));

    public string Absolute(string relative) => BaseUrl + relative.TrimStart('.', '/');
}
