using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Attachments;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;
using SkiaSharp;

namespace Promisingness.Tests.Attachments;

/// <summary>Uploads through the store, on a real database: what is kept, once, and what is refused.</summary>
public class AttachmentStoreTests : MentorAppTest
{
    private async Task<AttachmentStore.Upload> UploadAsync(string slug, string name, byte[] bytes, string? userId = null) =>
        await App.Get<AttachmentStore>().UploadAsync((await App.Get<WikiUsers>().LoadAsync(userId ?? Mentor))!, slug, name, bytes);

    [DatabaseFact]
    public async Task TheSameBytes_UploadedTwiceToOneEntryAndOnceToAnother_AreStoredOnce()
    {
        var png = TestFiles.Png();

        var first = await UploadAsync("goal", "plot.png", png);
        var again = await UploadAsync("goal", "plot-again.png", png);
        var elsewhere = await UploadAsync("background", "plot.png", png);

        Assert.Equal(first.Attachment!.Id, again.Attachment!.Id);
        Assert.NotEqual(first.Attachment.Id, elsewhere.Attachment!.Id);
        using var db = App.CreateDbContext();
        Assert.Equal(1, await db.AttachmentBlobs.CountAsync());
        Assert.Equal(2, await db.Attachments.CountAsync());
        Assert.Equal((4, 3), (first.Attachment.Width, first.Attachment.Height));
        Assert.Equal(2, await db.Activities.CountAsync(a => a.Action == AuditActions.FileUploaded));
    }

    [DatabaseFact]
    public async Task AnUploadedImage_ShownInAnEntry_CarriesItsSize_SoThePageReservesItsSpace()
    {
        var plot = (await UploadAsync("goal", "plot.png", TestFiles.Png(40, 30))).Attachment!;
        var unknown = new string('a', 64);
        await using var before = App.CreateDbContext();
        var goal = await before.Entries.SingleAsync(e => e.Slug == "goal");
        var text = $"![The plot]({AttachmentStore.UrlOf(plot)})\n\n![Elsewhere](https://example.org/x.png) ![Gone](/files/{unknown}/x.png)";

        Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().SaveAsync(Mentor, goal.Id, goal.RevisionNumber,
            new EntryInput(goal.Title, text, goal.Visibility, goal.ProgramId, "a figure")));

        await using var after = App.CreateDbContext();
        var html = (await after.Entries.SingleAsync(e => e.Slug == "goal")).BodyHtml;
        Assert.Contains($"src=\"{AttachmentStore.UrlOf(plot)}\" width=\"40\" height=\"30\" alt=\"The plot\"", html);
        Assert.Contains("src=\"https://example.org/x.png\" alt=\"Elsewhere\"", html);
        Assert.Contains($"src=\"/files/{unknown}/x.png\" alt=\"Gone\"", html);
    }

    [DatabaseFact]
    public async Task AJpegWithAGpsPosition_IsKeptWithoutIt()
    {
        var upload = TestFiles.JpegWithGps();
        Assert.True(TestFiles.Contains(upload, TestFiles.GpsCanary));

        var stored = (await UploadAsync("goal", "holiday.jpg", upload)).Attachment!;

        var bytes = await App.Get<AttachmentStore>().ContentAsync(stored.BlobHash);
        Assert.False(TestFiles.Contains(bytes, TestFiles.GpsCanary));
        Assert.Equal(FileKind.Jpeg, FileKind.Sniff(bytes, "x"));
        Assert.Equal("image/jpeg", stored.ContentType);
    }

    [DatabaseFact]
    public async Task APhotoTurnedByItsExif_IsStoredUpright_SinceTheTagThatTurnedItIsDropped()
    {
        var stored = (await UploadAsync("goal", "portrait.jpg", TestFiles.JpegTurnedByExif())).Attachment!;

        using var bitmap = SKBitmap.Decode(await App.Get<AttachmentStore>().ContentAsync(stored.BlobHash));
        Assert.Equal((20, 40), (stored.Width, stored.Height));
        Assert.Equal((20, 40), (bitmap.Width, bitmap.Height));
        var top = bitmap.GetPixel(10, 5);
        var bottom = bitmap.GetPixel(10, 35);
        Assert.True(top.Red > 200 && top.Blue < 60, $"the top should be red, is {top}");
        Assert.True(bottom.Blue > 200 && bottom.Red < 60, $"the bottom should be blue, is {bottom}");
    }

    [DatabaseFact]
    public async Task AJpegWithHtmlAfterIt_IsKeptWithoutTheHtml()
    {
        var stored = (await UploadAsync("goal", "figure.jpg", TestFiles.JpegWithHtmlAfter())).Attachment!;

        var bytes = await App.Get<AttachmentStore>().ContentAsync(stored.BlobHash);
        Assert.False(TestFiles.Contains(bytes, "<script>"));
    }

    [DatabaseFact]
    public async Task RefusedFiles_SayWhyAndStoreNothing()
    {
        var svg = await UploadAsync("goal", "diagram.svg", TestFiles.Svg());
        var empty = await UploadAsync("goal", "empty.png", []);
        var large = await UploadAsync("goal", "big.txt", new byte[(int)AttachmentSettings.DefaultMaxBytes + 1]);
        var fakePng = await UploadAsync("goal", "fake.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);

        Assert.Contains("not accepted", svg.Problem);
        Assert.Equal(415, svg.Status);
        Assert.Contains("empty", empty.Problem);
        Assert.Contains("at most 20 MB", large.Problem);
        Assert.Equal(413, large.Status);
        Assert.NotNull(fakePng.Problem);
        using var db = App.CreateDbContext();
        Assert.False(await db.AttachmentBlobs.AnyAsync());
        Assert.False(await db.Attachments.AnyAsync());
    }

    [DatabaseFact]
    public async Task AResearcherOfAnotherProgram_CannotUploadToAnEntryTheyMayNotEdit()
    {
        var mars = await Members.AddAsync(App, "mars-uploader@test.local", Roles.Researcher, Members.Mars);
        var aiscPage = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page,
            new EntryInput("AISC notes", "text", Visibility.Team, Members.Aisc, "")));
        var draft = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page,
            new EntryInput("Mentor draft", "text", Visibility.Draft, null, "")));

        var team = await UploadAsync(aiscPage.Slug, "plot.png", TestFiles.Png(), mars);
        var hidden = await UploadAsync(draft.Slug, "plot.png", TestFiles.Png(), mars);

        Assert.Equal(403, team.Status);
        Assert.Equal(404, hidden.Status);
        using var db = App.CreateDbContext();
        Assert.False(await db.Attachments.AnyAsync());
    }
}

[OnPostgres]
public sealed class AttachmentStoreOnPostgresTests : AttachmentStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
