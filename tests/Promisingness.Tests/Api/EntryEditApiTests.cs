using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Api;

/// <summary>
/// PUT /api/v1/entries/{slug}: a write token edits as its member through the editor's save, credited to its assistant;
/// every other token, a member who may not edit, and a stale base revision are refused with nothing changed.
/// </summary>
public class EntryEditApiTests : MentorAppTest
{
    [DatabaseFact]
    public async Task AWriteToken_EditsAnEntry_CreditedToItsAssistant_AndAudited()
    {
        var token = await ApiCalls.TokenAsync(App, Mentor, TokenScope.Write, assistant: "Claude");
        var client = ApiCalls.Client(App, token);
        var revision = (await ApiCalls.JsonAsync(await client.GetAsync("/api/v1/entries/goal"))).GetProperty("revision").GetInt32();

        using var edited = await client.PutAsJsonAsync("/api/v1/entries/goal", new { baseRevision = revision, body = "The goal, as an assistant put it.", note = "tightened" });
        using var again = await client.PutAsJsonAsync("/api/v1/entries/goal", new { baseRevision = revision + 1, body = "The goal, as an assistant put it." });

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var answer = await ApiCalls.JsonAsync(edited);
        Assert.Equal(revision + 1, answer.GetProperty("revision").GetInt32());
        Assert.True(answer.GetProperty("changed").GetBoolean());
        Assert.False((await ApiCalls.JsonAsync(again)).GetProperty("changed").GetBoolean());
        using var db = App.CreateDbContext();
        var saved = await db.Revisions.Where(r => r.Entry!.Slug == "goal").OrderByDescending(r => r.Number).FirstAsync();
        Assert.Equal((revision + 1, "Claude", "tightened", Mentor), (saved.Number, saved.AssistantName, saved.EditNote, saved.AuthorUserId));
        Assert.Equal("The goal, as an assistant put it.", await db.Entries.Where(e => e.Slug == "goal").Select(e => e.BodyMarkdown).SingleAsync());
        Assert.Contains(await db.Activities.Where(a => a.Action == AuditActions.TokenWrote).Select(a => a.Details).ToListAsync(),
            details => details.Contains($"revision {revision + 1} of goal", StringComparison.Ordinal) && details.Contains("by Claude", StringComparison.Ordinal));
    }

    [DatabaseFact]
    public async Task OnlyAWriteToken_OfAMemberWhoMayEdit_Edits_AndAStaleBase_IsAConflict()
    {
        var researcher = await Members.AddAsync(App, "aisc-writer@test.local", Roles.Researcher, Members.Aisc);
        var marsPage = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page,
            new EntryInput("A MARS page", "MARS text", Visibility.Team, Members.Mars)));
        var put = new { baseRevision = 1, body = "Changed." };

        using var anonymous = await ApiCalls.Client(App).PutAsJsonAsync("/api/v1/entries/goal", put);
        using var suggestScope = await ApiCalls.Client(App, await ApiCalls.TokenAsync(App, Mentor, TokenScope.Suggest)).PutAsJsonAsync($"/api/v1/entries/{marsPage.Slug}", put);
        var writer = ApiCalls.Client(App, await ApiCalls.TokenAsync(App, researcher, TokenScope.Write));
        using var otherProgram = await writer.PutAsJsonAsync($"/api/v1/entries/{marsPage.Slug}", put);
        using var noBase = await ApiCalls.Client(App, await ApiCalls.TokenAsync(App, Mentor, TokenScope.Write)).PutAsJsonAsync($"/api/v1/entries/{marsPage.Slug}", new { body = "Changed." });
        var mentorWriter = ApiCalls.Client(App, await ApiCalls.TokenAsync(App, Mentor, TokenScope.Write));
        using var first = await mentorWriter.PutAsJsonAsync($"/api/v1/entries/{marsPage.Slug}", new { baseRevision = 1, body = "First." });
        using var stale = await mentorWriter.PutAsJsonAsync($"/api/v1/entries/{marsPage.Slug}", new { baseRevision = 1, body = "Second, made on revision 1." });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, suggestScope.StatusCode);
        Assert.Contains("/suggestions", (await ApiCalls.JsonAsync(suggestScope)).GetProperty("detail").GetString());
        // The team's entries are readable by every member; editing another program's is not theirs.
        Assert.Equal(HttpStatusCode.Forbidden, otherProgram.StatusCode);
        Assert.Contains("another program", (await ApiCalls.JsonAsync(otherProgram)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noBase.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("baseRevision 2", (await ApiCalls.JsonAsync(stale)).GetProperty("detail").GetString());
        using var db = App.CreateDbContext();
        Assert.Equal("First.", await db.Entries.Where(e => e.Id == marsPage.EntryId).Select(e => e.BodyMarkdown).SingleAsync());
        Assert.Equal(2, await db.Revisions.CountAsync(r => r.EntryId == marsPage.EntryId));
        // The conflict keeps no draft in the member's name: the script was told, and the editor would offer it to a person.
        Assert.False(await db.EditDrafts.AnyAsync(d => d.EntryId == marsPage.EntryId));
    }
}

[OnPostgres]
public sealed class EntryEditApiOnPostgresTests : EntryEditApiTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
