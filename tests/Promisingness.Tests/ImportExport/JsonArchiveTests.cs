using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.CommandLine;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Attachments;
using Promisingness.Web.Features.Credences;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Security;

namespace Promisingness.Tests.ImportExport;

public class JsonArchiveTests : MentorAppTest
{
    /// <summary>A wiki with something in every kind of row: the seed, accounts, a meeting, a discussion, estimates, notifications.</summary>
    private Task FillAsync() => FillAsync(App, Mentor);

    internal static async Task FillAsync(WikiApp app, string mentor)
    {
        var alice = await Members.AddAsync(app, "alice@test.local", Roles.Researcher, Members.Aisc, memberId: 1);
        var editor = app.Get<EntryEditor>();
        var meeting = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Meeting, new EntryInput("Weekly meeting", "notes", Visibility.Team, null, "",
            Meeting: new MeetingInput(new DateOnly(2026, 11, 26), [1, 2], "agenda", "decided", [new ActionItemInput("Do it", 1, new DateOnly(2026, 12, 3), false)]))));
        var thread = await app.Get<Discussions>().OpenAsync(alice, meeting.EntryId, "A question, @" + "x", new Anchor("notes", "", ""));
        await app.Get<Discussions>().ReplyAsync(mentor, thread.Id!.Value, null, "An answer");
        int question;
        using (var db = app.CreateDbContext())
        {
            question = await db.Entries.Where(e => e.Kind == EntryKind.Question).Select(e => e.Id).FirstAsync();
        }
        await app.Get<CredenceBook>().RecordAsync(alice, question, 0.1, "small");
        var mentorUser = (await app.Get<WikiUsers>().LoadAsync(mentor))!;
        Assert.NotNull((await app.Get<AttachmentStore>().UploadAsync(mentorUser, meeting.Slug, "whiteboard.png", Promisingness.Tests.Attachments.TestFiles.Png())).Attachment);
        await editor.SaveAsync(mentor, meeting.EntryId, 1, new EntryInput("Weekly meeting", "more notes", Visibility.Team, null, "",
            Meeting: new MeetingInput(new DateOnly(2026, 11, 26), [1], "agenda", "decided", [new ActionItemInput("Do it", 1, null, true)])));
    }

    /// <summary>
    /// An export as JSON text without the audit rows of the last <paramref name="imports"/> imports, which are
    /// its last activities; each is checked to be an import from the command line.
    /// </summary>
    internal static string WithoutImportRows(byte[] archive, int imports)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(archive)!;
        var activities = json["tables"]!["Activities"]!.AsArray();
        for (var i = 0; i < imports; i++)
        {
            var importRow = activities[^1]!;
            Assert.Equal((AuditActions.Imported, "command line"), (importRow["Action"]!.GetValue<string>(), importRow["ActorName"]!.GetValue<string>()));
            activities.RemoveAt(activities.Count - 1);
        }
        return json.ToJsonString();
    }

    internal static async Task<byte[]> ExportAsync(WikiApp app)
    {
        using var stream = new MemoryStream();
        await app.Get<JsonArchive>().WriteAsync(stream);
        return stream.ToArray();
    }

    [DatabaseFact]
    public async Task ExportRestoreExport_IntoAnEmptyDatabase_GivesTheSameBytes()
    {
        await FillAsync();
        var first = await ExportAsync(App);

        using var empty = WikiApp.On(Provider, seed: false);
        using (var db = empty.CreateDbContext())
        {
            // The test host creates an admin on start; a database made by the command line has none.
            await db.Users.ExecuteDeleteAsync();
        }
        var restored = await empty.Get<JsonArchive>().RestoreAsync(new MemoryStream(first), UserAdministration.CommandLine, "archive.json");
        var second = await ExportAsync(empty);

        // The same bytes but for the audit row of the import itself, which is the last activity.
        // Both written the same way, so rows, columns and their order must match exactly.
        Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(first)!.ToJsonString(), WithoutImportRows(second, imports: 1));
        Assert.Contains("rows", restored);
        using var check = empty.CreateDbContext();
        Assert.Equal(2, await check.Comments.CountAsync());
        Assert.True(await check.Users.AnyAsync(u => u.Email == "alice@test.local"));
        var entry = await check.Entries.SingleAsync(e => e.Kind == EntryKind.Meeting);
        Assert.Equal(2, entry.RevisionNumber);
        // The meeting's file, byte for byte.
        var file = await check.Attachments.SingleAsync();
        Assert.Equal(await App.Get<AttachmentStore>().ContentAsync(file.BlobHash), await empty.Get<AttachmentStore>().ContentAsync(file.BlobHash));
        // The restored wiki works: the mentor can sign in with the same password and save on top of revision 2.
        var mentor = await check.Users.Where(u => u.Email!.StartsWith("mentor-")).Select(u => u.Id).SingleAsync();
        Assert.IsType<SaveResult.Saved>(await empty.Get<EntryEditor>().SaveAsync(mentor, entry.Id, 2, new EntryInput("Weekly meeting", "after restore", Visibility.Team, null)));
        await Members.SignInAsync(empty, $"mentor-{GetType().Name}@test.local".ToLowerInvariant());
    }

    [DatabaseFact]
    public async Task Restore_IntoADatabaseWithContent_IsRefusedAndChangesNothing()
    {
        var archive = await ExportAsync(App);

        var error = await Assert.ThrowsAsync<ArchiveException>(() => App.Get<JsonArchive>().RestoreAsync(new MemoryStream(archive), UserAdministration.CommandLine, "archive.json"));

        Assert.Contains("already holds entries or accounts", error.Message);
    }

    [DatabaseTheory]
    [InlineData("not json at all", "malformed")]
    [InlineData("{\"format\": \"something else\", \"tables\": {}}", "lacks")]
    [InlineData("{\"format\": \"promisingness-wiki-archive/1\", \"tables\": {\"Spaceships\": []}}", "Spaceships")]
    [InlineData("{\"format\": \"promisingness-wiki-archive/1\", \"tables\": {\"Programs\": [{\"Id\": \"one\"}]}}", "Programs.Id")]
    public async Task Restore_BadArchive_SaysWhatIsWrongAndChangesNothing(string text, string expected)
    {
        using var empty = WikiApp.On(Provider, seed: false);
        using (var db = empty.CreateDbContext())
        {
            await db.Users.ExecuteDeleteAsync();
        }

        var error = await Assert.ThrowsAsync<ArchiveException>(() => empty.Get<JsonArchive>().RestoreAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), UserAdministration.CommandLine, "archive.json"));

        Assert.Contains(expected, error.Message);
        using var check = empty.CreateDbContext();
        Assert.Equal(3, await check.Programs.CountAsync());
    }

    [DatabaseFact]
    public async Task CommandLine_ExportJson_WritesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"archive-{Guid.NewGuid():N}.json");
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, await WikiCommandLine.RunAsync(App.Services, ["export", "--json", path], output, new StringWriter()));
            Assert.Contains("Wrote", output.ToString());
            Assert.Contains(JsonArchive.Format, await File.ReadAllTextAsync(path));
            Assert.False(File.Exists(path + ".partial"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

[OnPostgres]
public sealed class JsonArchiveOnPostgresTests : JsonArchiveTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
