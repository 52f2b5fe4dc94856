using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Attachments;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Publishing;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Publishing;

public sealed class SiteExportTests : MentorAppTest, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("promisingness-site").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<SiteExporter.Result> ExportAsync()
    {
        using var http = App.CreateClient();
        return await App.Get<SiteExporter>().ExportAsync(http, folder);
    }

    [Fact]
    public async Task Site_HoldsEveryPublicEntry_AndNoNonPublicText()
    {
        var editor = App.Get<EntryEditor>();
        await editor.CreateAsync(Mentor, EntryKind.Page, new EntryInput("Team strategy", "The zebra-secret plan.", Visibility.Team, null));
        await editor.CreateAsync(Mentor, EntryKind.Question, new EntryInput("Mentor's private question", "quokka-secret", Visibility.Draft, null));
        int goal;
        using (var db = App.CreateDbContext())
        {
            goal = await db.Entries.Where(e => e.Slug == "goal").Select(e => e.Id).SingleAsync();
        }
        await App.Get<Discussions>().OpenAsync(Mentor, goal, "An internal ocelot-secret remark", null);

        var result = await ExportAsync();

        using var check = App.CreateDbContext();
        var publicEntries = await check.Entries.Where(e => e.Visibility == Visibility.Public && e.Slug != Entry.HomeSlug).ToListAsync();
        foreach (var entry in publicEntries)
        {
            var file = Path.Combine(folder, Web.Features.Entries.EntryUrls.For(entry.Kind, entry.Slug), "index.html");
            Assert.True(File.Exists(file), $"{entry.Title} is missing from the site");
            Assert.Contains(System.Net.WebUtility.HtmlEncode(entry.Title).Replace("&#39;", "'", StringComparison.Ordinal), (await File.ReadAllTextAsync(file)).Replace("&#39;", "'", StringComparison.Ordinal));
        }
        Assert.True(result.Pages > publicEntries.Count);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("zebra-secret", text);
            Assert.DoesNotContain("quokka-secret", text);
            Assert.DoesNotContain("Team strategy", text);
            Assert.DoesNotContain("ocelot-secret", text);
        }
    }

    [Fact]
    public async Task Site_HoldsAPublicEntrysFilesBesideThePages_LinkedRelatively_AndNoTeamEntrysFile()
    {
        var store = App.Get<AttachmentStore>();
        var mentor = (await App.Get<WikiUsers>().LoadAsync(Mentor))!;
        var figure = (await store.UploadAsync(mentor, "goal", "plot.png", Promisingness.Tests.Attachments.TestFiles.Png())).Attachment!;
        var table = (await store.UploadAsync(mentor, "goal", "losses.csv", "model,loss\ngpt-2,3.1\n"u8.ToArray())).Attachment!;
        var team = Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput("Team figures", "", Visibility.Team, null)));
        var teamFigure = (await store.UploadAsync(mentor, team.Slug, "secret.png", Promisingness.Tests.Attachments.TestFiles.Png(8, 8))).Attachment!;
        Entry goal;
        using (var db = App.CreateDbContext())
        {
            goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
        }
        var body = $"{goal.BodyMarkdown}\n\n![The plot]({AttachmentStore.UrlOf(figure)})\n\n[The losses]({AttachmentStore.UrlOf(table)})\n\n![Team only]({AttachmentStore.UrlOf(teamFigure)})";
        Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().SaveAsync(Mentor, goal.Id, goal.RevisionNumber, new EntryInput(goal.Title, body, Visibility.Public, goal.ProgramId)));

        await ExportAsync();

        var page = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(Path.Combine(folder, "pages", "goal", "index.html")));
        Assert.Equal($"files/{figure.BlobHash}/plot.png", page.QuerySelector("main img[alt='The plot']")!.GetAttribute("src"));
        Assert.Equal($"files/{table.BlobHash}/losses.csv", page.QuerySelectorAll("main a").Single(a => a.TextContent == "The losses").GetAttribute("href"));
        Assert.Equal(await store.ContentAsync(figure.BlobHash), await File.ReadAllBytesAsync(Path.Combine(folder, "files", figure.BlobHash, "plot.png")));
        Assert.True(File.Exists(Path.Combine(folder, "files", table.BlobHash, "losses.csv")));
        Assert.False(Directory.Exists(Path.Combine(folder, "files", teamFigure.BlobHash)));
    }

    [Fact]
    public async Task Site_EveryLocalLinkAndAssetResolvesToAFile_AndNoScriptButSearch()
    {
        await ExportAsync();

        var parser = new HtmlParser();
        var pages = Directory.EnumerateFiles(folder, "*.html", SearchOption.AllDirectories).ToList();
        Assert.Contains(Path.Combine(folder, "index.html"), pages);
        foreach (var page in pages)
        {
            var document = parser.ParseDocument(await File.ReadAllTextAsync(page));
            var root = new Uri(new Uri(page), document.QuerySelector("base")!.GetAttribute("href")!);
            var references = document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
                .Concat(document.QuerySelectorAll("link[href], img[src], script[src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!))
                .Where(href => !href.Contains("://", StringComparison.Ordinal) && !href.StartsWith("mailto:", StringComparison.Ordinal) && !href.StartsWith('#'));
            foreach (var href in references)
            {
                var target = new Uri(root, href.Split('#')[0]).LocalPath;
                Assert.True(File.Exists(target), $"{Path.GetRelativePath(folder, page)} links to {href}, which is not in the site");
            }
            var scripts = document.QuerySelectorAll("script").Select(s => s.GetAttribute("src")).ToList();
            Assert.True(scripts.All(s => s == "site-search.js"), $"{page} has scripts {string.Join(", ", scripts)}");
        }
        var index = await File.ReadAllTextAsync(Path.Combine(folder, "search-index.json"));
        Assert.Contains("Weak to Strong Generalization", index);
    }

    [Fact]
    public async Task Site_KeepsEveryPageOfAPagedList_AsFilesTheirPagerLinksTo()
    {
        var editor = App.Get<EntryEditor>();
        int questions;
        using (var db = App.CreateDbContext())
        {
            questions = await db.Entries.CountAsync(e => e.Kind == EntryKind.Question && e.Visibility == Visibility.Public);
        }
        for (var i = questions; i <= Web.Features.Questions.QuestionQueries.PageSize; i++)
        {
            Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(Mentor, EntryKind.Question, new EntryInput($"Paged question {i:D3}", "Asked to fill a second page.", Visibility.Public, null)));
        }

        await ExportAsync();

        var second = Path.Combine(folder, "questions", "pages", "2", "index.html");
        Assert.True(File.Exists(second), "the second page of questions is missing from the site");
        var parser = new HtmlParser();
        var first = parser.ParseDocument(await File.ReadAllTextAsync(Path.Combine(folder, "questions", "index.html")));
        Assert.Contains(first.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "questions/pages/2/index.html");
        var page = parser.ParseDocument(await File.ReadAllTextAsync(second));
        Assert.Equal("../../../", page.QuerySelector("base")!.GetAttribute("href"));
        Assert.NotEmpty(page.QuerySelectorAll("main a[href^='questions/']"));
        Assert.Contains(page.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "questions/index.html");
    }
}
