using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Attachments;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.Attachments;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Security;

namespace Promisingness.Tests.ImportExport;

/// <summary>An exported README keeps math as its TeX, and links uploaded files on the published wiki, where GitHub's readers find them.</summary>
public sealed class ReadmeFilesAndMathTests
{
    private const string PublicUrl = "https://wiki.example.org/";
    private const string Math = "Compute-optimal: $N_{opt} \\propto C^{0.5}$, and\n\n$$\nL(N) = \\frac{A}{N^{\\alpha}}\n$$";

    /// <summary>The Goal page (public) with the math, an uploaded image and an uploaded text file; the two files' addresses.</summary>
    private static async Task<(string Image, string Text)> WriteGoalAsync(WikiApp app)
    {
        var mentor = await Members.AddAsync(app, "readme-files@test.local", Roles.Mentor);
        var store = app.Get<AttachmentStore>();
        var user = (await app.Get<WikiUsers>().LoadAsync(mentor))!;
        var image = AttachmentStore.UrlOf((await store.UploadAsync(user, "goal", "loss-curve.png", TestFiles.Png())).Attachment!);
        var text = AttachmentStore.UrlOf((await store.UploadAsync(user, "goal", "raw-numbers.txt", "1, 2, 3"u8.ToArray())).Attachment!);
        await using var db = app.CreateDbContext();
        var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
        Assert.IsType<SaveResult.Saved>(await app.Get<EntryEditor>().SaveAsync(mentor, goal.Id, goal.RevisionNumber, new EntryInput(goal.Title,
            $"{Math}\n\n![Loss by model size]({image})\n\nThe [raw numbers]({text}).\n\n[table]: {text}", goal.Visibility, goal.ProgramId, "figures")));
        return (image, text);
    }

    [Fact]
    public async Task Export_KeepsTeX_LinksFilesOnThePublicUrl_AndImportsBackUnchanged()
    {
        using var app = new WikiApp(settings: new Dictionary<string, string> { ["Wiki:PublicUrl"] = PublicUrl });
        var (image, text) = await WriteGoalAsync(app);

        var readme = await app.Get<ReadmeExporter>().ExportAsync();

        Assert.Contains(Math, readme, StringComparison.Ordinal);
        Assert.DoesNotContain("<math", readme, StringComparison.Ordinal);
        Assert.Contains($"![Loss by model size]({PublicUrl}{image[1..]})", readme, StringComparison.Ordinal);
        Assert.Contains($"[raw numbers]({PublicUrl}{text[1..]})", readme, StringComparison.Ordinal);
        Assert.Contains($"[table]: {PublicUrl}{text[1..]}", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("(/files/", readme, StringComparison.Ordinal);

        var again = await app.Get<ReadmeImporter>().ImportAsync(readme, "Bogdan");

        Assert.False(again.ChangedAnything, again.ToString());
    }

    [Fact]
    public async Task Export_WithoutAPublicUrl_LeavesTheWikisOwnAddresses()
    {
        using var app = new WikiApp();
        var (image, _) = await WriteGoalAsync(app);

        var readme = await app.Get<ReadmeExporter>().ExportAsync();

        Assert.Contains($"![Loss by model size]({image})", readme, StringComparison.Ordinal);
        Assert.Contains(Math, readme, StringComparison.Ordinal);
    }
}
