using System.IO.Compression;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;

namespace Promisingness.E2E;

public sealed class PublishTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    [BrowserFact]
    public async Task Admin_BuildsTheStaticSite_SeesProgress_AndDownloadsTheZip()
    {
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, LiveWiki.AdminEmail, LiveWiki.AdminPassword);
        await page.GotoAsync("admin/publish");

        await PageActions.ClickWhenReadyAsync(page.GetByTestId("publish-site"));
        await Assertions.Expect(page.GetByTestId("publish-done")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await PageActions.ScreenshotAsync(page, "publish");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("publish-done").GetByRole(AriaRole.Link).ClickAsync());
        var path = await download.PathAsync();
        using var zip = ZipFile.OpenRead(path!);
        Assert.Contains(zip.Entries, e => e.FullName == "index.html");
        Assert.Contains(zip.Entries, e => e.FullName.Replace('\\', '/') == "topics/weak-to-strong-generalization/index.html");
        Assert.Contains(zip.Entries, e => e.FullName == "search-index.json");
        await page.Context.CloseAsync();
    }
}
