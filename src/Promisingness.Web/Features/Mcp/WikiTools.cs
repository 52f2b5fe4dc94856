using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Promisingness.Web.Features.Api;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Promisingness.Web.Features.Mcp;

/// <summary>
/// The MCP tools. Each asks <see cref="ApiQueries"/>, as the matching /api/v1 route does, with the caller the bearer
/// token made (or an anonymous visitor), and answers the route's JSON; a refusal is the route's problem sentence.
/// suggest_edit asks <see cref="SuggestionQueries"/>, as POST /api/v1/entries/{slug}/suggestions does.
/// </summary>
[McpServerToolType]
public sealed class WikiTools(IHttpContextAccessor accessor, ApiQueries queries, SuggestionQueries suggestions, IOptions<HttpJsonOptions> json)
{
    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("An MCP tool runs inside the HTTP request that called it.");

    private ApiCaller Caller => ApiCaller.Of(Http);

    private ApiLinks Links => ApiLinks.Of(Http);

    [McpServerTool(Name = "search", ReadOnly = true, Title = "Search the wiki")]
    [Description("Full-text search over the entries you may read. Returns JSON: items (kind, title, snippet, program, visibility, url) and nextCursor.")]
    public async Task<string> SearchAsync(
        [Description("Words to search for.")] string query,
        [Description("Only this kind: page, topic, question, meeting or summary.")] string? kind = null,
        [Description("nextCursor of the previous page, for the next one.")] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        Answer(await queries.SearchAsync(Caller, Links, query, kind, program: null, tag: null, cursor, cancellationToken));

    [McpServerTool(Name = "read_entry", ReadOnly = true, Title = "Read an entry")]
    [Description("An entry by its slug: title, kind, visibility, Markdown body and its kind's fields (a topic's researchers and outputs, a meeting's action items, ...).")]
    public async Task<string> ReadEntryAsync([Description("The entry's slug, as in its URL.")] string slug, CancellationToken cancellationToken = default) =>
        Answer(await queries.EntryAsync(Caller, Links, slug, cancellationToken));

    [McpServerTool(Name = "list_recent_changes", ReadOnly = true, Title = "Recent changes")]
    [Description("The newest revisions you may read, newest first, with who made them (\"Claude for Severin Field\" when an assistant did).")]
    public async Task<string> ListRecentChangesAsync(
        [Description("Only this kind: page, topic, question, meeting or summary.")] string? kind = null,
        [Description("nextCursor of the previous page, for the next one.")] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        Answer(await queries.RecentAsync(Caller, Links, kind, cursor, cancellationToken));

    [McpServerTool(Name = "list_questions", ReadOnly = true, Title = "Brainstorming questions")]
    [Description("The brainstorming questions you may read, each with the median of the members' latest estimates (0 to 1) and, for members, whose they are.")]
    public async Task<string> ListQuestionsAsync([Description("nextCursor of the previous page, for the next one.")] string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await queries.QuestionsAsync(Caller, Links, cursor, cancellationToken));

    [McpServerTool(Name = "post_comment", Destructive = false, Title = "Comment on an entry")]
    [Description("Opens a discussion on an entry, or replies in one (threadId, and replyTo for the comment answered). Needs a token with scope comment or above; "
        + "the comment is your member's, marked as written by the token's assistant.")]
    public async Task<string> PostCommentAsync(
        [Description("The entry's slug.")] string slug,
        [Description("The comment, in Markdown.")] string text,
        [Description("The discussion to reply in; leave out to open a new one.")] int? threadId = null,
        [Description("The comment answered, in that discussion.")] int? replyTo = null,
        CancellationToken cancellationToken = default) =>
        Answer(await queries.PostCommentAsync(Caller, slug, new NewComment(text, threadId, replyTo), cancellationToken));

    [McpServerTool(Name = "suggest_edit", Destructive = false, Title = "Suggest an edit")]
    [Description("Proposes a new text (and optionally a new title) for an entry. It does not change the entry: the people who may edit it see the "
        + "suggestion as a diff and accept or reject each change. Needs a token with scope suggest or above; the suggestion is your member's, "
        + "marked as made by the token's assistant. Returns the suggestion with its changes (unified-diff lines that start with \"+\", \"-\" or \" \").")]
    public async Task<string> SuggestEditAsync(
        [Description("The entry's slug.")] string slug,
        [Description("The whole suggested text, in Markdown (read_entry gives the current one).")] string body,
        [Description("A new title, if the title should change.")] string? title = null,
        [Description("The revision the text was written against (read_entry's revision); leave out for the current one.")] int? baseRevision = null,
        [Description("Why: a short note shown with the suggestion.")] string? note = null,
        CancellationToken cancellationToken = default) =>
        Answer(await suggestions.SuggestAsync(Caller, slug, new NewSuggestion(body, title, baseRevision, note), cancellationToken));

    /// <summary>The route's JSON, or its problem sentence as the tool's error (the SDK passes an McpException's message on).</summary>
    private string Answer<T>(ApiAnswer<T> answer) where T : class =>
        answer.Value is { } value ? JsonSerializer.Serialize(value, json.Value.SerializerOptions) : throw new McpException(answer.Problem!);
}
