using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Api;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Suggestions;

/// <summary>POST /api/v1/entries/{slug}/suggestions and reading suggestions back, with tokens of each scope.</summary>
public sealed class SuggestionApiTests(SuggestionApiTests.Fixture fixture) : IClassFixture<SuggestionApiTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public WikiApp App { get; } = new(settings: new Dictionary<string, string> { ["RateLimits:ApiRequestsPerMinute"] = "100000" });
        public string ReadToken { get; private set; } = "";
        public string SuggestToken { get; private set; } = "";
        public string MarsToken { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var mentor = await Members.AddAsync(App, "mentor@test.local", Roles.Mentor);
            var researcher = await Members.AddAsync(App, "aisc@test.local", Roles.Researcher, Members.Aisc);
            var mars = await Members.AddAsync(App, "mars@test.local", Roles.Researcher, Members.Mars);
            var editor = App.Get<EntryEditor>();
            Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Page, new EntryInput("Team notes", "First line.\nSecond line.\nThird line.", Visibility.Team, null, "")));
            Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Page, new EntryInput("Mentor draft", "Private.", Visibility.Draft, null, "")));
            ReadToken = await ApiCalls.TokenAsync(App, researcher, TokenScope.Read);
            SuggestToken = await ApiCalls.TokenAsync(App, researcher, TokenScope.Suggest, assistant: "Claude");
            MarsToken = await ApiCalls.TokenAsync(App, mars, TokenScope.Write);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private WikiApp App => fixture.App;

    [Fact]
    public async Task Post_WithAReadToken_IsForbidden_AndKeepsNothing()
    {
        using var response = await ApiCalls.Client(App, fixture.ReadToken).PostAsJsonAsync("/api/v1/entries/team-notes/suggestions", new { body = "First line!\nSecond line.\nThird line." });
        using var anonymous = await ApiCalls.Client(App).PostAsJsonAsync("/api/v1/entries/team-notes/suggestions", new { body = "First line!" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("suggest", (await ApiCalls.JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var db = App.CreateDbContext();
        Assert.False(await db.Suggestions.AnyAsync(s => s.BodyMarkdown == "First line!\nSecond line.\nThird line."));
    }

    [Fact]
    public async Task Post_WithASuggestToken_MakesASuggestionByTheAssistantForItsMember_ThatReadsBackWithItsChanges()
    {
        var client = ApiCalls.Client(App, fixture.SuggestToken);

        using var response = await client.PostAsJsonAsync("/api/v1/entries/team-notes/suggestions", new { body = "First line.\nSecond line, clearer.\nThird line.", note = "Clearer" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await ApiCalls.JsonAsync(response);
        Assert.Equal("open", created.GetProperty("state").GetString());
        Assert.Equal("Claude", created.GetProperty("assistant").GetString());
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/suggestions/{id}", response.Headers.Location?.OriginalString);

        var read = await ApiCalls.JsonAsync(await client.GetAsync($"/api/v1/suggestions/{id}"));
        var hunk = Assert.Single(read.GetProperty("hunks").EnumerateArray());
        Assert.Equal("text", hunk.GetProperty("part").GetString());
        Assert.Equal("open", hunk.GetProperty("state").GetString());
        Assert.Contains("+Second line, clearer.", hunk.GetProperty("diff").EnumerateArray().Select(l => l.GetString()));
        var listed = await ApiCalls.JsonAsync(await client.GetAsync("/api/v1/entries/team-notes/suggestions"));
        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task Suggestions_AreRefusedWhereTheMemberMayNotRead_AndTheirStateIsForMembersOnly()
    {
        using var draft = await ApiCalls.Client(App, fixture.MarsToken).PostAsJsonAsync("/api/v1/entries/mentor-draft/suggestions", new { body = "Public!" });
        using var nothing = await ApiCalls.Client(App, fixture.SuggestToken).PostAsJsonAsync("/api/v1/entries/team-notes/suggestions", new { body = "First line.\nSecond line.\nThird line." });
        using var anonymous = await ApiCalls.Client(App).GetAsync("/api/v1/suggestions/1");

        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
