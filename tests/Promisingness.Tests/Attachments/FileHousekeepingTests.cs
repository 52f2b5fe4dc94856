using System.Net;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Attachments;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Attachments;

/// <summary>/admin/files: the list, and the rule that only a file no text links any longer may be removed.</summary>
public class FileHousekeepingTests : MentorAppTest
{
    private AttachmentHousekeeping Housekeeping => App.Get<AttachmentHousekeeping>();

    private async Task<string> AdminAsync() => (await App.Get<UserAdministration>().ListAsync()).Single(u => u.Email == WikiApp.AdminEmail).Id;

    private async Task<Attachment> UploadAsync(string slug, string name, byte[] bytes) =>
        (await App.Get<AttachmentStore>().UploadAsync((await App.Get<WikiUsers>().LoadAsync(Mentor))!, slug, name, bytes)).Attachment!;

    private async Task SaveGoalAsync(string body)
    {
        await using var db = App.CreateDbContext();
        var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
        Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().SaveAsync(Mentor, goal.Id, goal.RevisionNumber, new EntryInput(goal.Title, body, goal.Visibility, goal.ProgramId, "")));
    }

    [DatabaseFact]
    public async Task AFileAnOldRevisionStillLinks_CannotBeRemoved_OneNothingLinks_Can_AndTheSharedBytesStay()
    {
        var admin = await AdminAsync();
        var linked = await UploadAsync("goal", "plot.png", TestFiles.Png());
        var unused = await UploadAsync("background", "plot.png", TestFiles.Png());
        var other = await UploadAsync("goal", "other.png", TestFiles.Png(8, 8));
        await SaveGoalAsync($"![The plot]({AttachmentStore.UrlOf(linked)})");
        await SaveGoalAsync("The plot is gone from the current text, not from the history.");

        var listed = (await Housekeeping.ListAsync(admin))!;
        Assert.Equal(3, listed.Files.Count);
        // Two distinct contents are stored, the shared one once.
        Assert.Equal(linked.Size + other.Size, listed.TotalBytes);
        // The same bytes: the history's link holds both rows of them.
        Assert.True(listed.Files.Single(f => f.Id == linked.Id).Referred);
        Assert.True(listed.Files.Single(f => f.Id == unused.Id).Referred);
        Assert.False(listed.Files.Single(f => f.Id == other.Id).Referred);

        Assert.Equal(FileRemoval.StillReferred, await Housekeeping.RemoveAsync(admin, linked.Id));
        Assert.Equal(FileRemoval.NotAllowed, await Housekeeping.RemoveAsync(Mentor, other.Id));
        Assert.Equal(FileRemoval.Removed, await Housekeeping.RemoveAsync(admin, other.Id));
        Assert.Equal(FileRemoval.Gone, await Housekeeping.RemoveAsync(admin, other.Id));

        await using var db = App.CreateDbContext();
        Assert.Equal([linked.Id, unused.Id], await db.Attachments.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
        Assert.False(await db.AttachmentBlobs.AnyAsync(b => b.Hash == other.BlobHash));
        Assert.True(await db.AttachmentBlobs.AnyAsync(b => b.Hash == linked.BlobHash));
        var audited = await db.Activities.SingleAsync(a => a.Action == AuditActions.FileRemoved);
        Assert.Contains("other.png", audited.Details, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task AFileOnlyAnUnsavedDraftLinks_CannotBeRemoved()
    {
        var admin = await AdminAsync();
        var pasted = await UploadAsync("goal", "pasted.png", TestFiles.Png());
        await using (var db = App.CreateDbContext())
        {
            var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
            db.EditDrafts.Add(new EditDraft { UserId = Mentor, EntryId = goal.Id, Title = goal.Title, Body = $"![Pasted]({AttachmentStore.UrlOf(pasted)})", BaseRevisionNumber = goal.RevisionNumber });
            await db.SaveChangesAsync();
        }

        Assert.Equal(FileRemoval.StillReferred, await Housekeeping.RemoveAsync(admin, pasted.Id));
    }

    [Fact]
    public async Task ThePage_ListsFilesForAnAdmin_WithItsEmptyStateFirst_AndRefusesEveryoneElse()
    {
        var admin = await Members.SignInAsync(App, WikiApp.AdminEmail, WikiApp.AdminPassword);
        Assert.Contains("No files have been uploaded yet", await admin.GetStringAsync("/admin/files"), StringComparison.Ordinal);

        await UploadAsync("goal", "scaling-frontier.png", TestFiles.Png());
        var listed = await admin.GetStringAsync("/admin/files");
        Assert.Contains("scaling-frontier.png", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("No files have been uploaded yet", listed, StringComparison.Ordinal);

        using var anonymous = await Members.Client(App).GetAsync("/admin/files");
        using var mentor = await (await Members.SignInAsync(App, $"mentor-{GetType().Name}@test.local".ToLowerInvariant())).GetAsync("/admin/files");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, mentor.StatusCode);
        Assert.Contains("/Account/AccessDenied", mentor.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}

[OnPostgres]
public sealed class FileHousekeepingOnPostgresTests : FileHousekeepingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
