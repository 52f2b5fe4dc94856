using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Tests.Review;
using Promisingness.Web.CommandLine;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Features.Publishing;
using Promisingness.Web.Features.Summaries.Review;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Admin;

/// <summary>
/// Every kind of action the audit log records, each done through the service its page or verb calls, from a
/// client address of its own: exactly one row appears, with who, what (action, target, revision, details),
/// when and from where. Refused and failed changes leave none.
/// </summary>
public sealed class AuditTrailTests : SummaryTestBed
{
    private const string Address = "203.0.113.7";

    private AuditLog Audit => App.Get<AuditLog>();

    private async Task<long> LastIdAsync()
    {
        using var db = App.CreateDbContext();
        return await db.Activities.MaxAsync(a => (long?)a.Id) ?? 0;
    }

    /// <summary>The audit rows written since <paramref name="after"/>, as an admin reads them.</summary>
    private async Task<List<AuditRow>> RowsSinceAsync(long after) =>
        [.. (await Audit.PageAsync(Users["admin"]))!.Rows.Where(r => r.Id > after)];

    /// <summary>Does <paramref name="action"/> from the test address and returns the one audit row it wrote.</summary>
    private async Task<AuditRow> OneRowAsync(Func<Task> action)
    {
        var before = await LastIdAsync();
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        using (ActionOrigin.Use(Address))
        {
            await action();
        }
        var row = Assert.Single(await RowsSinceAsync(before));
        Assert.Equal(Address, row.Origin);
        Assert.InRange(row.At, started, DateTimeOffset.UtcNow.AddSeconds(1));
        return row;
    }

    private async Task<(int Id, string Slug, int Revision)> PageAsync(string slug)
    {
        using var db = App.CreateDbContext();
        var entry = await db.Entries.SingleAsync(e => e.Slug == slug);
        return (entry.Id, entry.Slug, entry.RevisionNumber);
    }

    /// <summary>The mentor saves the seed's Goal page under its own title.</summary>
    private Task<SaveResult> SaveGoalAsync(string body, Visibility visibility, int baseRevision, string note = "") =>
        Editor.SaveAsync(Users["mentor"], GoalId, baseRevision, new EntryInput(goalTitle, body, visibility, null, note));

    private int GoalId { get; set; }

    private string goalTitle = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var db = App.CreateDbContext();
        var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
        (GoalId, goalTitle) = (goal.Id, goal.Title);
    }

    [Fact]
    public async Task CreatingAnEntry_WritesOneRow_WithTheSlugAndRevision1()
    {
        SaveResult.Saved? saved = null;
        var row = await OneRowAsync(async () => saved = Assert.IsType<SaveResult.Saved>(
            await Editor.CreateAsync(Users["author"], EntryKind.Page, new EntryInput("Reading list", "Papers.", Visibility.Team, Members.Aisc, "first"))));

        Assert.Equal((AuditActions.EntryCreated, "severin", "reading-list", (int?)1), (row.Action, row.ActorName, row.EntrySlug, row.RevisionNumber));
        Assert.Equal("first", row.Details);
    }

    [Fact]
    public async Task SavingAnEdit_WritesOneRow_WithTheRevision()
    {
        var goal = await PageAsync("goal");

        var row = await OneRowAsync(async () => Assert.IsType<SaveResult.Saved>(await SaveGoalAsync("A new goal.", Visibility.Public, goal.Revision, "tightened")));

        Assert.Equal((AuditActions.EntryEdited, "bogdan", "goal", (int?)goal.Revision + 1), (row.Action, row.ActorName, row.EntrySlug, row.RevisionNumber));
        Assert.Equal("tightened", row.Details);
    }

    [Fact]
    public async Task ChangingVisibility_WritesOneRow_WithOldAndNewVisibility()
    {
        var goal = await PageAsync("goal");
        string body;
        using (var db = App.CreateDbContext())
        {
            body = (await db.Entries.SingleAsync(e => e.Id == goal.Id)).BodyMarkdown;
        }

        var row = await OneRowAsync(async () => Assert.IsType<SaveResult.Saved>(await SaveGoalAsync(body, Visibility.Team, goal.Revision)));

        Assert.Equal(AuditActions.EntryVisibilityChanged, row.Action);
        Assert.Equal(("goal", "visibility Public → Team"), (row.EntrySlug, row.Details));
    }

    [Fact]
    public async Task RestoringARevision_WritesOneRow_NamedAsARestore()
    {
        var goal = await PageAsync("goal");
        Assert.IsType<SaveResult.Saved>(await SaveGoalAsync("Changed.", Visibility.Public, goal.Revision));

        var row = await OneRowAsync(async () => Assert.IsType<SaveResult.Saved>(await Editor.RestoreAsync(Users["mentor"], goal.Id, goal.Revision)));

        Assert.Equal((AuditActions.EntryRestored, "goal", (int?)goal.Revision + 2), (row.Action, row.EntrySlug, row.RevisionNumber));
        Assert.Contains($"Restored revision {goal.Revision}", row.Details);
    }

    [Fact]
    public async Task EachReviewStep_WritesOneRow_WithItsRevisionAndNote()
    {
        var summary = await CreateAsync();

        var submitted = await OneRowAsync(() => DoneAsync("author", summary.EntryId, ReviewCommand.Submit, ""));
        var changes = await OneRowAsync(() => DoneAsync("mentor", summary.EntryId, ReviewCommand.RequestChanges, "Cite the paper."));
        await DoneAsync("author", summary.EntryId, ReviewCommand.Submit, "");
        var approved = await OneRowAsync(() => DoneAsync("mentor", summary.EntryId, ReviewCommand.Approve, "Good."));
        var published = await OneRowAsync(() => DoneAsync("mentor2", summary.EntryId, ReviewCommand.Publish, ""));

        Assert.Equal((AuditActions.SummarySubmitted, "severin", (int?)1), (submitted.Action, submitted.ActorName, submitted.RevisionNumber));
        Assert.Equal((AuditActions.SummaryChangesRequested, "bogdan", summary.Slug, "Cite the paper."), (changes.Action, changes.ActorName, changes.EntrySlug, changes.Details));
        Assert.Equal((AuditActions.SummaryApproved, summary.Slug, (int?)1), (approved.Action, approved.EntrySlug, approved.RevisionNumber));
        // Publishing appends the revision that makes the summary public: its row is the publication's.
        Assert.Equal((AuditActions.SummaryPublished, "second-mentor", (int?)2), (published.Action, published.ActorName, published.RevisionNumber));
        Assert.Contains("visibility Team → Public", published.Details);
    }

    [Fact]
    public async Task EditingAndDeletingAComment_WriteOneRowEach()
    {
        var discussions = App.Get<Discussions>();
        Assert.Null((await discussions.OpenAsync(Users["author"], GoalId, "First thought.", null)).Error);
        int commentId;
        using (var db = App.CreateDbContext())
        {
            commentId = await db.Comments.MaxAsync(c => c.Id);
        }

        var edited = await OneRowAsync(async () => Assert.Null((await discussions.EditAsync(Users["author"], commentId, "Second thought.")).Error));
        var deleted = await OneRowAsync(async () => Assert.Null((await discussions.DeleteAsync(Users["author"], commentId)).Error));

        Assert.Equal((AuditActions.CommentEdited, "severin", "goal", $"comment #{commentId}"), (edited.Action, edited.ActorName, edited.EntrySlug, edited.Details));
        Assert.Equal((AuditActions.CommentDeleted, "goal"), (deleted.Action, deleted.EntrySlug));
    }

    [Fact]
    public async Task RoleAndLockChanges_WriteOneRowEach()
    {
        var admin = App.Get<UserAdministration>();

        var role = await OneRowAsync(() => admin.ChangeRoleAsync(Users["admin"], Users["peer"], Roles.Researcher, Members.Mars));
        var locked = await OneRowAsync(() => admin.LockAsync(Users["admin"], Users["peer"]));
        var unlocked = await OneRowAsync(() => admin.UnlockAsync(Users["admin"], Users["peer"]));

        Assert.Equal((AuditActions.RoleChanged, "Administrator"), (role.Action, role.ActorName));
        Assert.Contains("peer <peer@test.local>", role.Details);
        Assert.Equal((AuditActions.UserLocked, AuditActions.UserUnlocked), (locked.Action, unlocked.Action));
    }

    [Fact]
    public async Task ImportingAReadme_WritesOneImportRow_BesideTheRevisionsItMade()
    {
        var before = await LastIdAsync();
        using (ActionOrigin.Use(Address))
        {
            await App.Get<ReadmeImporter>().ImportAsync(await File.ReadAllTextAsync(WikiApp.TestData("later-README.md")), "Bogdan", message: "Later README");
        }

        var rows = await RowsSinceAsync(before);
        var import = Assert.Single(rows, r => r.Action == AuditActions.Imported);
        Assert.Equal(("Bogdan", Address), (import.ActorName, import.Origin));
        Assert.StartsWith("Later README: ", import.Details);
        // Every other row is a revision the import appended, each attributed and placed the same way.
        Assert.All(rows.Where(r => r != import), r => Assert.True(r.Action.StartsWith("entry.", StringComparison.Ordinal) && r.RevisionNumber is not null && r.Origin == Address, r.Action));
    }

    [Fact]
    public async Task Verbs_ExportAndImport_WriteOneRowEach_FromTheCommandLine()
    {
        var folder = Directory.CreateTempSubdirectory("promisingness-audit").FullName;
        try
        {
            async Task<AuditRow> RunAsync(params string[] args)
            {
                var before = await LastIdAsync();
                Assert.Equal(0, await WikiCommandLine.RunAsync(App.Services, args, TextWriter.Null, TextWriter.Null));
                var row = Assert.Single(await RowsSinceAsync(before), r => !r.Action.StartsWith("entry.", StringComparison.Ordinal));
                Assert.Equal(ActionOrigin.CommandLine, row.Origin);
                return row;
            }

            var readme = await RunAsync("export", "--readme", Path.Combine(folder, "out.md"));
            var archive = await RunAsync("export", "--json", Path.Combine(folder, "out.json"));
            var backup = await RunAsync("backup", Path.Combine(folder, "out.db"));
            var import = await RunAsync("import", WikiApp.TestData("later-README.md"));

            Assert.Equal((AuditActions.Exported, "command line", "README exported to out.md"), (readme.Action, readme.ActorName, readme.Details));
            Assert.Equal((AuditActions.Exported, "JSON archive exported to out.json"), (archive.Action, archive.Details));
            Assert.Equal(AuditActions.BackupTaken, backup.Action);
            // An import is attributed to its --author, here the default one.
            Assert.Equal((AuditActions.Imported, ReadmeImporter.DefaultAuthor), (import.Action, import.ActorName));

            // The archive restored into a new, empty wiki: one row, in the restore's own transaction.
            using var empty = new WikiApp(seed: false);
            using (var db = empty.CreateDbContext())
            {
                await db.Users.ExecuteDeleteAsync();
            }
            Assert.Equal(0, await WikiCommandLine.RunAsync(empty.Services, ["import", "--json", Path.Combine(folder, "out.json")], TextWriter.Null, TextWriter.Null));
            using var check = empty.CreateDbContext();
            var restored = await check.Activities.OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal((AuditActions.Imported, ActionOrigin.CommandLine), (restored.Action, restored.Origin));
            Assert.StartsWith("JSON archive out.json restored: ", restored.Details);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task PublishingFromAdmin_WritesOneExportRow()
    {
        var row = await OneRowAsync(() => App.Get<PublishJobs>().RunAsync(Users["admin"], PublishKind.Readme));

        Assert.Equal((AuditActions.Exported, "Administrator"), (row.Action, row.ActorName));
        Assert.StartsWith("Readme published from /admin/publish as ", row.Details);
    }

    [Fact]
    public async Task RefusedChanges_WriteNoRow()
    {
        var goal = await PageAsync("goal");
        var summary = await CreateAsync();
        var before = await LastIdAsync();

        // A stale base revision (a conflict), a researcher approving, a MARS researcher editing an AISC summary.
        Assert.IsType<SaveResult.Conflict>(await SaveGoalAsync("Late.", Visibility.Public, goal.Revision - 1));
        Assert.IsType<ReviewResult.Refused>(await ActAsync("peer", summary.EntryId, ReviewCommand.Approve));
        Assert.IsNotType<SaveResult.Saved>(await Editor.SaveAsync(Users["mars"], summary.EntryId, 1, SummaryInput(SeverinMemberId, TopicId, "Not mine.")));

        Assert.Empty(await RowsSinceAsync(before));
    }

    [Fact]
    public async Task AuditLog_IsNewestFirst_Paged_FilteredByActionAndPerson_AndAdminsOnly()
    {
        var goal = await PageAsync("goal");
        for (var i = 0; i < AuditLog.PageSize + 5; i++)
        {
            Assert.IsType<SaveResult.Saved>(await SaveGoalAsync($"Goal, take {i}.", Visibility.Public, goal.Revision + i));
        }
        await App.Get<UserAdministration>().LockAsync(Users["admin"], Users["peer"]);

        var first = (await Audit.PageAsync(Users["admin"]))!;
        var second = (await Audit.PageAsync(Users["admin"], page: 2))!;
        var edits = (await Audit.PageAsync(Users["admin"], AuditActions.EntryEdited, "bogdan"))!;
        var locks = (await Audit.PageAsync(Users["admin"], AuditActions.UserLocked))!;
        var nobody = (await Audit.PageAsync(Users["admin"], person: "no one"))!;

        Assert.Equal(AuditActions.UserLocked, first.Rows[0].Action);
        Assert.Equal(AuditLog.PageSize, first.Rows.Count);
        Assert.True(first.Rows.Zip(first.Rows.Skip(1)).All(pair => pair.First.Id > pair.Second.Id), "newest first");
        Assert.True(second.Rows[0].Id < first.Rows[^1].Id, "page 2 continues where page 1 stopped");
        Assert.Equal(AuditLog.PageSize + 5, edits.Total);
        Assert.All(edits.Rows, r => Assert.Equal((AuditActions.EntryEdited, "bogdan"), (r.Action, r.ActorName)));
        Assert.Equal(2, locks.Total); // the locked mentor of the test bed, and this one
        Assert.Contains("bogdan", first.People);
        Assert.Equal(0, nobody.Total);
        Assert.Null(await Audit.PageAsync(Users["mentor"]));
        Assert.Null(await Audit.PageAsync(Users["author"]));
        Assert.Null(await Audit.PageAsync(Users["nobody"]));
    }
}

/// <summary>"From where" for a web action is the client's address as Kestrel saw it.</summary>
public sealed class AuditOriginOverHttpTests : IDisposable
{
    private readonly WikiApp app = new(seed: false);

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task AdminDownloadingABackup_OverRealKestrel_IsAuditedWithTheLoopbackAddress()
    {
        var address = app.StartKestrel();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = address };
        using (var login = await Members.PostLoginAsync(client, WikiApp.AdminEmail, WikiApp.AdminPassword))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        }

        using var response = await client.GetAsync(Promisingness.Web.Features.Backup.BackupEndpoints.Route);

        response.EnsureSuccessStatusCode();
        using var db = app.CreateDbContext();
        var row = await db.Activities.SingleAsync(a => a.Action == AuditActions.BackupTaken);
        Assert.Equal(("Administrator", "127.0.0.1"), (row.ActorName, row.Origin));
    }
}
