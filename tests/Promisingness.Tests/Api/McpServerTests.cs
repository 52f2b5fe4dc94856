using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Api;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Api;

/// <summary>
/// The MCP server at /mcp, driven by the SDK's own client over Streamable HTTP against the app on real Kestrel:
/// tokens × scopes × tools, and that a tool never reads what the token's member may not.
/// </summary>
public sealed class McpServerTests(McpServerTests.Fixture fixture) : IClassFixture<McpServerTests.Fixture>
{
    private const string DraftCanary = "DRAFTCANARY-mcp";

    public sealed class Fixture : IAsyncLifetime
    {
        public WikiApp App { get; } = new(settings: new Dictionary<string, string> { ["RateLimits:ApiRequestsPerMinute"] = "100000" });
        public Uri Address { get; private set; } = null!;
        public string Researcher { get; private set; } = "";
        public string ReadToken { get; private set; } = "";
        public string CommentToken { get; private set; } = "";
        public string SuggestToken { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Address = App.StartKestrel();
            Researcher = await Members.AddAsync(App, "aisc-mcp@test.local", Roles.Researcher, Members.Aisc);
            // A draft of a researcher of another program: the AISC researcher's tokens must never show it.
            var mars = await Members.AddAsync(App, "mars-mcp@test.local", Roles.Researcher, Members.Mars);
            Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(mars, EntryKind.Page, new EntryInput("Mars draft", DraftCanary, Visibility.Draft, Members.Mars, "")));
            ReadToken = await ApiCalls.TokenAsync(App, Researcher, TokenScope.Read);
            CommentToken = await ApiCalls.TokenAsync(App, Researcher, TokenScope.Comment, assistant: "Claude");
            SuggestToken = await ApiCalls.TokenAsync(App, Researcher, TokenScope.Suggest, assistant: "Claude");
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private WikiApp App => fixture.App;

    private async Task<McpClient> ConnectAsync(string? token)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(fixture.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        return await McpClient.CreateAsync(transport);
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    [Fact]
    public async Task TheSdkClient_Initializes_ListsTheTools_AndCallsThem()
    {
        await using var client = await ConnectAsync(fixture.ReadToken);

        var tools = (await client.ListToolsAsync()).Select(t => t.Name).Order().ToList();
        var search = await client.CallToolAsync("search", new Dictionary<string, object?> { ["query"] = "generalization" });
        var entry = await client.CallToolAsync("read_entry", new Dictionary<string, object?> { ["slug"] = "weak-to-strong-generalization" });
        var questions = await client.CallToolAsync("list_questions", new Dictionary<string, object?>());
        var changes = await client.CallToolAsync("list_recent_changes", new Dictionary<string, object?> { ["kind"] = "topic" });

        Assert.Equal("Promisingness Wiki", client.ServerInfo?.Name);
        Assert.Equal(["list_questions", "list_recent_changes", "post_comment", "read_entry", "search", "suggest_edit"], tools);
        Assert.False(search.IsError ?? false, Text(search));
        Assert.Contains("weak-to-strong-generalization", Text(search));
        var topic = JsonDocument.Parse(Text(entry)).RootElement;
        Assert.Equal(("topic", "weak-to-strong-generalization"), (topic.GetProperty("kind").GetString(), topic.GetProperty("slug").GetString()));
        Assert.NotEmpty(topic.GetProperty("fields").GetProperty("researchers").EnumerateArray());
        var firstQuestion = JsonDocument.Parse(Text(questions)).RootElement.GetProperty("items")[0];
        Assert.True(firstQuestion.TryGetProperty("median", out _));
        Assert.Equal(["topic"], JsonDocument.Parse(Text(changes)).RootElement.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("kind").GetString()).Distinct());
    }

    [Fact]
    public async Task ATokenNeverReads_WhatItsMemberMayNot()
    {
        await using var client = await ConnectAsync(fixture.CommentToken);

        var read = await client.CallToolAsync("read_entry", new Dictionary<string, object?> { ["slug"] = "mars-draft" });
        var search = await client.CallToolAsync("search", new Dictionary<string, object?> { ["query"] = DraftCanary });
        var comment = await client.CallToolAsync("post_comment", new Dictionary<string, object?> { ["slug"] = "mars-draft", ["text"] = "Seen?" });

        Assert.True(read.IsError);
        Assert.Contains("no such entry", Text(read));
        Assert.DoesNotContain(DraftCanary, Text(read));
        Assert.Empty(JsonDocument.Parse(Text(search)).RootElement.GetProperty("items").EnumerateArray());
        Assert.True(comment.IsError);
        using var db = App.CreateDbContext();
        Assert.False(await db.Comments.AnyAsync(c => c.BodyMarkdown == "Seen?"));
    }

    [Fact]
    public async Task PostComment_AReadTokenIsRefused_ACommentTokenPostsAsItsAssistant()
    {
        await using var reader = await ConnectAsync(fixture.ReadToken);
        await using var writer = await ConnectAsync(fixture.CommentToken);
        var arguments = new Dictionary<string, object?> { ["slug"] = "goal", ["text"] = "From an assistant, through MCP." };

        var refused = await reader.CallToolAsync("post_comment", arguments);
        Assert.True(refused.IsError);
        Assert.Contains("commenting needs comment or above", Text(refused));
        using (var db = App.CreateDbContext())
        {
            Assert.False(await db.Comments.AnyAsync(c => c.BodyMarkdown == "From an assistant, through MCP."));
        }

        var posted = await writer.CallToolAsync("post_comment", arguments);
        Assert.False(posted.IsError ?? false, Text(posted));
        var threadId = JsonDocument.Parse(Text(posted)).RootElement.GetProperty("threadId").GetInt32();
        using var check = App.CreateDbContext();
        var comment = await check.Comments.SingleAsync(c => c.ThreadId == threadId);
        Assert.Equal(("From an assistant, through MCP.", "Claude", fixture.Researcher), (comment.BodyMarkdown, comment.AssistantName, comment.AuthorUserId));
        Assert.True(await check.Activities.AnyAsync(a => a.Action == AuditActions.TokenWrote && a.EntryId == check.Entries.Single(e => e.Slug == "goal").Id));
    }

    [Fact]
    public async Task SuggestEdit_ACommentTokenIsRefused_ASuggestTokenProposesWithoutChangingTheEntry()
    {
        await using var commenter = await ConnectAsync(fixture.CommentToken);
        await using var suggester = await ConnectAsync(fixture.SuggestToken);
        string body;
        using (var db = App.CreateDbContext())
        {
            body = (await db.Entries.SingleAsync(e => e.Slug == "background")).BodyMarkdown;
        }
        var arguments = new Dictionary<string, object?> { ["slug"] = "background", ["body"] = body + "\n\nA closing line, suggested through MCP.", ["note"] = "a summary line" };

        var refused = await commenter.CallToolAsync("suggest_edit", arguments);
        Assert.True(refused.IsError);
        Assert.Contains("suggesting needs suggest or above", Text(refused));

        var made = await suggester.CallToolAsync("suggest_edit", arguments);
        Assert.False(made.IsError ?? false, Text(made));
        var suggestion = JsonDocument.Parse(Text(made)).RootElement;
        Assert.Equal("Claude", suggestion.GetProperty("assistant").GetString());
        Assert.Contains(suggestion.GetProperty("hunks")[0].GetProperty("diff").EnumerateArray(), line => line.GetString() == "+A closing line, suggested through MCP.");
        using var check = App.CreateDbContext();
        Assert.Equal(body, (await check.Entries.SingleAsync(e => e.Slug == "background")).BodyMarkdown);
        var stored = await check.Suggestions.SingleAsync(s => s.Id == suggestion.GetProperty("id").GetInt32());
        Assert.Equal(("Claude", fixture.Researcher), (stored.AssistantName, stored.SuggesterUserId));
    }

    [Fact]
    public async Task Anonymous_ReadsWhatTheRestReads_AndCannotComment()
    {
        await using var client = await ConnectAsync(token: null);

        var publicEntry = await client.CallToolAsync("read_entry", new Dictionary<string, object?> { ["slug"] = "goal" });
        var comment = await client.CallToolAsync("post_comment", new Dictionary<string, object?> { ["slug"] = "goal", ["text"] = "anonymous" });
        var resources = await client.ListResourcesAsync();
        var goal = await client.ReadResourceAsync("wiki://entries/goal");

        Assert.False(publicEntry.IsError ?? false, Text(publicEntry));
        Assert.True(comment.IsError);
        Assert.Contains(resources, r => r.Uri == "wiki://entries/goal");
        Assert.DoesNotContain(resources, r => r.Uri == "wiki://entries/mars-draft");
        Assert.StartsWith("# ", Assert.IsType<TextResourceContents>(Assert.Single(goal.Contents)).Text);
    }

    [Fact]
    public async Task RevokedOrExpiredOrUnknownTokens_Are401()
    {
        var revoked = await ApiCalls.TokenAsync(App, fixture.Researcher, TokenScope.Read);
        var expired = await ApiCalls.TokenAsync(App, fixture.Researcher, TokenScope.Read);
        using (var db = App.CreateDbContext())
        {
            var ids = await db.AccessTokens.Where(t => t.UserId == fixture.Researcher).OrderByDescending(t => t.Id).Select(t => t.Id).Take(2).ToListAsync();
            await db.AccessTokens.Where(t => t.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
            var researcher = (await App.Get<WikiUsers>().LoadAsync(fixture.Researcher))!;
            Assert.True(await App.Get<AccessTokens>().RevokeAsync(researcher, ids[1]));
        }

        foreach (var token in new[] { revoked, expired, "pw_not-a-token-of-this-wiki" })
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(token));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    [Fact]
    public async Task MachineAccessOff_RefusesTheMcpServer()
    {
        var admin = (await App.Get<WikiUsers>().LoadAsync(await App.AdminIdAsync()))!;
        Assert.True(await App.Get<MachineAccess>().SetAsync(admin, on: false));
        try
        {
            using var http = new HttpClient();
            using var response = await http.PostAsync(new Uri(fixture.Address, "/mcp"), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("switched machine access off", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            Assert.True(await App.Get<MachineAccess>().SetAsync(admin, on: true));
        }
    }
}
