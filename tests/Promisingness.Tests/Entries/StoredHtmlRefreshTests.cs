using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Rendering;
using Promisingness.Web.Markdown;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Entries;

/// <summary>A new Markdown output version reaches every stored text once, and never rewrites history.</summary>
public sealed class StoredHtmlRefreshTests
{
    private const string Stale = "<p>made by an older renderer</p>";

    [Fact]
    public async Task Refresh_AfterTheOutputVersionChanged_RendersEveryEntryAndCommentAgain_Once()
    {
        using var app = new WikiApp();
        var mentor = await Members.AddAsync(app, "refresh-mentor@test.local", Roles.Mentor);
        int goal;
        using (var db = app.CreateDbContext())
        {
            goal = await db.Entries.Where(e => e.Slug == "goal").Select(e => e.Id).SingleAsync();
        }
        Assert.Null((await app.Get<Discussions>().OpenAsync(mentor, goal, "A remark in **bold**.", null)).Error);
        using (var db = app.CreateDbContext())
        {
            await db.Entries.ExecuteUpdateAsync(set => set.SetProperty(e => e.BodyHtml, Stale));
            await db.TopicOutputs.ExecuteUpdateAsync(set => set.SetProperty(o => o.SummaryHtml, Stale));
            await db.Comments.ExecuteUpdateAsync(set => set.SetProperty(c => c.BodyHtml, Stale));
            await db.Revisions.ExecuteUpdateAsync(set => set.SetProperty(r => r.BodyHtml, Stale));
            await db.Settings.Where(s => s.Key == WikiSetting.MarkdownOutputVersion).ExecuteUpdateAsync(set => set.SetProperty(s => s.Value, "0"));
        }
        var refresh = app.Get<StoredHtmlRefresh>();

        Assert.True(await refresh.RefreshAsync());

        using var check = app.CreateDbContext();
        var markdown = app.Get<MarkdownRenderer>();
        foreach (var entry in await check.Entries.Where(e => !e.BodyMarkdown.Contains("[[")).ToListAsync())
        {
            Assert.Equal(markdown.ToSafeHtml(entry.BodyMarkdown), entry.BodyHtml);
        }
        Assert.DoesNotContain(await check.Entries.Select(e => e.BodyHtml).ToListAsync(), html => html == Stale);
        Assert.DoesNotContain(await check.TopicOutputs.Where(o => o.SummaryMarkdown != "").Select(o => o.SummaryHtml).ToListAsync(), html => html == Stale);
        Assert.Contains("<strong>bold</strong>", await check.Comments.Select(c => c.BodyHtml).SingleAsync());
        Assert.All(await check.Revisions.Select(r => r.BodyHtml).ToListAsync(), html => Assert.Equal(Stale, html));
        Assert.Equal($"{MarkdownRenderer.OutputVersion}", (await check.Settings.SingleAsync(s => s.Key == WikiSetting.MarkdownOutputVersion)).Value);
        Assert.DoesNotContain("older renderer", await app.CreateClient().GetStringAsync("/pages/goal"));

        Assert.False(await refresh.RefreshAsync());
    }

    [Fact]
    public async Task NewDatabase_IsMarkedCurrent_SoNothingIsRenderedAgain()
    {
        using var app = new WikiApp();

        Assert.False(await app.Get<StoredHtmlRefresh>().RefreshAsync());
    }
}
