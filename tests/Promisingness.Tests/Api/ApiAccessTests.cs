using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Api;

/// <summary>
/// Tokens × scopes × endpoints on one app: what each caller reads and writes through /api/v1, and that the answer is
/// the one EntryPermissions gives (a team entry, a mentor's draft), whatever token is presented.
/// </summary>
public sealed class ApiAccessTests(ApiAccessTests.Fixture fixture) : IClassFixture<ApiAccessTests.Fixture>
{
    private const string TeamCanary = "TEAMCANARY-api";
    private const string DraftCanary = "DRAFTCANARY-api";

    public sealed class Fixture : IAsyncLifetime
    {
        public WikiApp App { get; } = new(settings: new Dictionary<string, string> { ["RateLimits:ApiRequestsPerMinute"] = "100000" });
        public string Researcher { get; private set; } = "";
        public string ReadToken { get; private set; } = "";
        public string CommentToken { get; private set; } = "";
        public string MentorToken { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var mentor = await Members.AddAsync(App, "mentor@test.local", Roles.Mentor);
            Researcher = await Members.AddAsync(App, "aisc@test.local", Roles.Researcher, Members.Aisc);
            var editor = App.Get<EntryEditor>();
            var team = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Page, new EntryInput("Team canary", TeamCanary, Visibility.Team, null, "")));
            Assert.IsType<SaveResult.Saved>(await editor.SaveAsync(mentor, team.EntryId, 1, new EntryInput("Team canary", TeamCanary + "\nsecond line", Visibility.Team, null, "")));
            Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Page, new EntryInput("Draft canary", DraftCanary, Visibility.Draft, null, "")));
            ReadToken = await ApiCalls.TokenAsync(App, Researcher, TokenScope.Read);
            CommentToken = await ApiCalls.TokenAsync(App, Researcher, TokenScope.Comment, assistant: "Claude");
            MentorToken = await ApiCalls.TokenAsync(App, mentor, TokenScope.Read);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private WikiApp App => fixture.App;

    [Fact]
    public async Task Entries_EachCallerListsWhatTheyMayRead()
    {
        var anonymous = await ApiCalls.AllSlugsAsync(ApiCalls.Client(App));
        var researcher = await ApiCalls.AllSlugsAsync(ApiCalls.Client(App, fixture.ReadToken));
        var mentor = await ApiCalls.AllSlugsAsync(ApiCalls.Client(App, fixture.MentorToken));

        Assert.Contains("goal", anonymous);
        Assert.DoesNotContain("team-canary", anonymous);
        Assert.Contains("team-canary", researcher);
        Assert.DoesNotContain("draft-canary", researcher);
        Assert.Contains("draft-canary", mentor);
    }

    [Fact]
    public async Task Entries_FollowingTheCursor_GivesEveryEntryOnce()
    {
        var all = await ApiCalls.AllSlugsAsync(ApiCalls.Client(App, fixture.ReadToken));
        var byTwo = await ApiCalls.AllSlugsAsync(ApiCalls.Client(App, fixture.ReadToken), limit: 2);

        Assert.True(all.Count > 4);
        Assert.Equal(all, byTwo);
    }

    [Fact]
    public async Task Entries_FilteredByKind_AndABadCursor_IsAProblem()
    {
        using var topics = await ApiCalls.Client(App).GetAsync("/api/v1/entries?kind=topic&limit=100");
        using var bad = await ApiCalls.Client(App).GetAsync("/api/v1/entries?cursor=not-ours!");

        var kinds = (await ApiCalls.JsonAsync(topics)).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Distinct().ToList();
        Assert.Equal(["topic"], kinds);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("cursor", (await ApiCalls.JsonAsync(bad)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Entry_HasItsKindFields_AndATeamEntryIsNotFoundForAnonymous()
    {
        using var topic = await ApiCalls.Client(App).GetAsync("/api/v1/entries/weak-to-strong-generalization");
        using var hidden = await ApiCalls.Client(App).GetAsync("/api/v1/entries/team-canary");
        using var shown = await ApiCalls.Client(App, fixture.ReadToken).GetAsync("/api/v1/entries/team-canary");

        var json = await ApiCalls.JsonAsync(topic);
        Assert.Equal("topic", json.GetProperty("kind").GetString());
        Assert.NotEmpty(json.GetProperty("fields").GetProperty("researchers").EnumerateArray());
        Assert.Equal("weak-to-strong-generalization", json.GetProperty("slug").GetString());
        Assert.Equal(JsonValueKind.String, json.GetProperty("bodyHtml").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain(TeamCanary, await hidden.Content.ReadAsStringAsync());
        Assert.Contains(TeamCanary, await shown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revisions_ArePaged_NewestFirst()
    {
        using var first = await ApiCalls.Client(App, fixture.MentorToken).GetAsync("/api/v1/entries/draft-canary/revisions?limit=1");
        using var hidden = await ApiCalls.Client(App, fixture.ReadToken).GetAsync("/api/v1/entries/draft-canary/revisions");

        var page = await ApiCalls.JsonAsync(first);
        Assert.Equal(1, page.GetProperty("items")[0].GetProperty("number").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Search_FindsOnlyWhatTheCallerMayRead()
    {
        using var anonymous = await ApiCalls.Client(App).GetAsync("/api/v1/search?q=TEAMCANARY");
        using var researcher = await ApiCalls.Client(App, fixture.ReadToken).GetAsync("/api/v1/search?q=TEAMCANARY");
        using var empty = await ApiCalls.Client(App).GetAsync("/api/v1/search");

        Assert.Empty((await ApiCalls.JsonAsync(anonymous)).GetProperty("items").EnumerateArray());
        Assert.Single((await ApiCalls.JsonAsync(researcher)).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Comments_AReadTokenIsForbidden_ACommentTokenPostsThroughTheDiscussion()
    {
        var comment = new { text = "Posted by a script." };
        using var anonymous = await ApiCalls.Client(App).PostAsJsonAsync("/api/v1/entries/goal/comments", comment);
        using var read = await ApiCalls.Client(App, fixture.ReadToken).PostAsJsonAsync("/api/v1/entries/goal/comments", comment);
        using var posted = await ApiCalls.Client(App, fixture.CommentToken).PostAsJsonAsync("/api/v1/entries/goal/comments", comment);
        using var draft = await ApiCalls.Client(App, fixture.CommentToken).PostAsJsonAsync("/api/v1/entries/draft-canary/comments", comment);
        using var listed = await ApiCalls.Client(App, fixture.ReadToken).GetAsync("/api/v1/entries/goal/comments");
        using var anonymousList = await ApiCalls.Client(App).GetAsync("/api/v1/entries/goal/comments");

        Assert.Equal(
            (HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Created, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized),
            (anonymous.StatusCode, read.StatusCode, posted.StatusCode, draft.StatusCode, anonymousList.StatusCode));
        Assert.Contains("Posted by a script.", await listed.Content.ReadAsStringAsync());
        using var db = App.CreateDbContext();
        // Other tests of this class write through the same token: this comment's row is the one of its discussion.
        var threadId = (await ApiCalls.JsonAsync(posted)).GetProperty("threadId").GetInt32();
        var row = await db.Activities.SingleAsync(a => a.Action == AuditActions.TokenWrote && a.Details.StartsWith($"comment in discussion #{threadId} "));
        Assert.Contains("by Claude", row.Details);
    }

    [Fact]
    public async Task Comments_ASignedInBrowserWithoutAToken_CannotPost()
    {
        var browser = await Members.SignInAsync(App, "aisc@test.local");

        using var response = await browser.PostAsJsonAsync("/api/v1/entries/goal/comments", new { text = "From another site's page." });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var db = App.CreateDbContext();
        Assert.False(await db.Comments.AnyAsync(c => c.BodyMarkdown == "From another site's page."));
    }

    [Theory]
    [InlineData("pw_not-a-token-of-this-wiki", "not known")]
    [InlineData("something-else", "not a token")]
    public async Task UnknownToken_Is401WithAProblem(string token, string says)
    {
        using var response = await ApiCalls.Client(App, token).GetAsync("/api/v1/entries");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, (await ApiCalls.JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Diff_OfARevision_AgainstTheOneBefore_OnlyForThoseWhoMayReadIt()
    {
        using var diff = await ApiCalls.Client(App, fixture.ReadToken).GetAsync("/api/v1/entries/team-canary/revisions/2/diff");
        using var anonymous = await ApiCalls.Client(App).GetAsync("/api/v1/entries/team-canary/revisions/2/diff");
        using var backwards = await ApiCalls.Client(App, fixture.ReadToken).GetAsync("/api/v1/entries/team-canary/revisions/2/diff?from=2");
        using var missing = await ApiCalls.Client(App, fixture.ReadToken).GetAsync("/api/v1/entries/team-canary/revisions/9/diff");

        var json = await ApiCalls.JsonAsync(diff);
        Assert.Equal((1, 2), (json.GetProperty("from").GetProperty("number").GetInt32(), json.GetProperty("to").GetProperty("number").GetInt32()));
        Assert.Equal($" {TeamCanary}\n+second line", json.GetProperty("body").GetString());
        Assert.Equal(
            (HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.NotFound),
            (anonymous.StatusCode, backwards.StatusCode, missing.StatusCode));
        Assert.DoesNotContain(TeamCanary, await anonymous.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Questions_CarryTheirEstimates_NamedForMembersOnly()
    {
        string slug;
        using (var db = App.CreateDbContext())
        {
            var question = await db.Entries.Where(e => e.Kind == EntryKind.Question && e.Visibility == Visibility.Public).OrderBy(e => e.Position).FirstAsync();
            slug = question.Slug;
            Assert.Null(await App.Get<Promisingness.Web.Features.Credences.CredenceBook>().RecordAsync(fixture.Researcher, question.Id, 40, "a guess"));
        }

        var member = await QuestionAsync(ApiCalls.Client(App, fixture.ReadToken), slug);
        var anonymous = await QuestionAsync(ApiCalls.Client(App), slug);

        Assert.Equal(0.4, member.GetProperty("median").GetDouble(), 3);
        Assert.Equal("aisc", Assert.Single(member.GetProperty("estimates").EnumerateArray()).GetProperty("member").GetString());
        Assert.Equal(0.4, anonymous.GetProperty("median").GetDouble(), 3);
        Assert.Empty(anonymous.GetProperty("estimates").EnumerateArray());
    }

    private static async Task<JsonElement> QuestionAsync(HttpClient client, string slug)
    {
        string? cursor = null;
        do
        {
            using var response = await client.GetAsync("/api/v1/questions" + (cursor is null ? "" : $"?cursor={cursor}"));
            var page = await ApiCalls.JsonAsync(response);
            foreach (var item in page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("slug").GetString() == slug))
            {
                return item;
            }
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        throw new InvalidOperationException($"{slug} is not among the questions.");
    }

    [Fact]
    public async Task SummariesAndChanges_AreListed_AndABadCursorIsAProblem()
    {
        using var summaries = await ApiCalls.Client(App, fixture.ReadToken).GetAsync("/api/v1/summaries");
        using var badWeek = await ApiCalls.Client(App).GetAsync($"/api/v1/summaries?cursor={Promisingness.Web.Features.Api.ApiCursor.Of(202699)}");
        using var changes = await ApiCalls.Client(App, fixture.ReadToken).GetAsync("/api/v1/changes?kind=page");
        using var anonymousChanges = await ApiCalls.Client(App).GetAsync("/api/v1/changes?kind=page");

        Assert.Equal(JsonValueKind.Array, (await ApiCalls.JsonAsync(summaries)).GetProperty("items").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, badWeek.StatusCode);
        var slugs = (await ApiCalls.JsonAsync(changes)).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("slug").GetString()).ToList();
        Assert.Contains("team-canary", slugs);
        Assert.DoesNotContain("team-canary", (await ApiCalls.JsonAsync(anonymousChanges)).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task Reply_ToAComment_NeedsCommentScope_AndLandsUnderIt()
    {
        using var opened = await ApiCalls.Client(App, fixture.CommentToken).PostAsJsonAsync("/api/v1/entries/goal/comments", new { text = "Opening for replies." });
        var threadId = (await ApiCalls.JsonAsync(opened)).GetProperty("threadId").GetInt32();
        int first;
        using (var db = App.CreateDbContext())
        {
            first = await db.Comments.Where(c => c.ThreadId == threadId).Select(c => c.Id).SingleAsync();
        }

        using var read = await ApiCalls.Client(App, fixture.ReadToken).PostAsJsonAsync($"/api/v1/entries/goal/comments/{first}/replies", new { text = "read reply" });
        using var replied = await ApiCalls.Client(App, fixture.CommentToken).PostAsJsonAsync($"/api/v1/entries/goal/comments/{first}/replies", new { text = "A reply." });
        using var elsewhere = await ApiCalls.Client(App, fixture.CommentToken).PostAsJsonAsync($"/api/v1/entries/background/comments/{first}/replies", new { text = "wrong entry" });

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.Created, HttpStatusCode.NotFound),
            (read.StatusCode, replied.StatusCode, elsewhere.StatusCode));
        using var check = App.CreateDbContext();
        var reply = await check.Comments.SingleAsync(c => c.BodyMarkdown == "A reply.");
        Assert.Equal((threadId, first, "Claude"), (reply.ThreadId, reply.ParentId, reply.AssistantName));
        Assert.False(await check.Comments.AnyAsync(c => c.BodyMarkdown == "read reply" || c.BodyMarkdown == "wrong entry"));
    }
}
