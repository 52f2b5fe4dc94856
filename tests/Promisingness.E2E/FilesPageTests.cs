using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Attachments;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.E2E;

/// <summary>An admin removes a file nothing links from /admin/files, after confirming; a linked one offers no removal.</summary>
public sealed class FilesPageTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    [BrowserFact]
    public async Task Admin_RemovesAnUnlinkedFile_AfterConfirming_AndTheLinkedOneStays()
    {
        var admin = (await wiki.Services.GetRequiredService<UserAdministration>().ListAsync()).Single(u => u.Email == LiveWiki.AdminEmail);
        var user = (await wiki.Services.GetRequiredService<WikiUsers>().LoadAsync(admin.Id))!;
        var store = wiki.Services.GetRequiredService<AttachmentStore>();
        var linked = (await store.UploadAsync(user, "goal", "kept-figure.txt", "Linked from the Goal."u8.ToArray())).Attachment!;
        await store.UploadAsync(user, "goal", "stray-upload.txt", "Never linked."u8.ToArray());
        await using (var db = await wiki.Services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync())
        {
            var goal = await db.Entries.SingleAsync(e => e.Slug == "goal");
            Assert.IsType<SaveResult.Saved>(await wiki.Services.GetRequiredService<EntryEditor>().SaveAsync(admin.Id, goal.Id, goal.RevisionNumber,
                new EntryInput(goal.Title, $"The [figure]({AttachmentStore.UrlOf(linked)}).", goal.Visibility, goal.ProgramId, "a file")));
        }
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, LiveWiki.AdminEmail, LiveWiki.AdminPassword);

        await page.GotoAsync("admin/files");
        var rows = page.GetByTestId("file-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Filter(new() { HasText = "kept-figure.txt" }).GetByTestId("file-in-use")).ToBeVisibleAsync();
        await PageActions.ClickWhenReadyAsync(rows.Filter(new() { HasText = "stray-upload.txt" }).GetByTestId("file-remove"));
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("file-message")).ToContainTextAsync("stray-upload.txt was removed.");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("kept-figure.txt");
        await page.Context.CloseAsync();
    }
}
