using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.ImportExport;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Api;

/// <summary>
/// "by Claude for aisc": what an assistant token writes carries the assistant's name, on the entry page, in
/// history, in the API, and through a JSON archive into a new database.
/// </summary>
public class AssistantAttributionTests : MentorAppTest
{
    [DatabaseFact]
    public async Task AnAssistantsComment_AndRevision_AreCredited_AndSurviveTheArchive()
    {
        var researcher = await Members.AddAsync(App, "aisc@test.local", Roles.Researcher, Members.Aisc);
        var token = await ApiCalls.TokenAsync(App, researcher, TokenScope.Comment, assistant: "Claude");
        using var posted = await ApiCalls.Client(App, token).PostAsJsonAsync("/api/v1/entries/goal/comments", new { text = "Drafted by an assistant." });
        posted.EnsureSuccessStatusCode();
        var page = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput("Assisted page", "text", Visibility.Public, null, "")));
        var writer = ApiCalls.Client(App, await ApiCalls.TokenAsync(App, Mentor, TokenScope.Write, assistant: "Claude"));
        using (var edited = await writer.PutAsJsonAsync($"/api/v1/entries/{page.Slug}", new { baseRevision = 1, body = "text, improved", note = "assisted" }))
        {
            edited.EnsureSuccessStatusCode();
        }

        var member = await Members.SignInAsync(App, "aisc@test.local");
        var entryPage = await member.GetStringAsync(EntryUrls.For(EntryKind.Page, "goal"));
        var history = await ApiCalls.Client(App).GetStringAsync($"/entries/{page.Slug}/history");
        var revisions = await ApiCalls.JsonAsync(await ApiCalls.Client(App).GetAsync($"/api/v1/entries/{page.Slug}/revisions"));
        var comments = await ApiCalls.Client(App, token).GetStringAsync("/api/v1/entries/goal/comments");

        var mentorName = (await App.Get<WikiUsers>().LoadAsync(Mentor))!.Name;
        Assert.Contains("Claude for aisc", entryPage);
        Assert.Contains($"by Claude for {mentorName}", history);
        Assert.Contains($"by {mentorName}<", history.Replace("</span>", "<", StringComparison.Ordinal));
        Assert.Equal(["Claude", null], revisions.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("assistant").GetString()));
        Assert.Contains("\"assistant\":\"Claude\"", comments);

        var archive = await JsonArchiveTests.ExportAsync(App);
        using var empty = WikiApp.On(Provider, seed: false);
        using (var db = empty.CreateDbContext())
        {
            await db.Users.ExecuteDeleteAsync();
        }
        await empty.Get<JsonArchive>().RestoreAsync(new MemoryStream(archive), UserAdministration.CommandLine, "archive.json");
        using var restored = empty.CreateDbContext();
        Assert.Equal("Claude", await restored.Comments.Where(c => c.BodyMarkdown == "Drafted by an assistant.").Select(c => c.AssistantName).SingleAsync());
        Assert.Equal([null, "Claude"], await restored.Revisions.Where(r => r.EntryId == page.EntryId).OrderBy(r => r.Number).Select(r => r.AssistantName).ToListAsync());
    }
}

[OnPostgres]
public sealed class AssistantAttributionOnPostgresTests : AssistantAttributionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
