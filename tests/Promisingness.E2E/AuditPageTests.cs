using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;

namespace Promisingness.E2E;

/// <summary>An admin reads the audit log: the newest row first, filters by action and person, and an empty state.</summary>
public sealed class AuditPageTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    [BrowserFact]
    public async Task Admin_FiltersTheAuditLog_ByActionAndPerson_AndSeesAnEmptyState()
    {
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, LiveWiki.AdminEmail, LiveWiki.AdminPassword);
        // A fresh edit from this browser: the newest row, from its loopback address.
        await page.GotoAsync("entries/background/edit");
        await PageActions.TypeBodyAsync(page, "Background, as audited.", "as audited");
        await PageActions.SaveAndWaitForAsync(page, "**/pages/background", wiki);

        await page.GotoAsync("admin/audit");
        var rows = page.GetByTestId("audit-row");
        await Assertions.Expect(rows.First).ToContainTextAsync("Entry edited");
        await Assertions.Expect(rows.First).ToContainTextAsync("background r2");
        await Assertions.Expect(rows.First).ToContainTextAsync("127.0.0.1");

        await PageActions.SelectAsync(page, "Action", "Import");
        await PageActions.WaitForUrlAsync(page, "**/admin/audit?action=import", wiki);
        // The one import is the first start's import of the seed README.
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Import");
        await Assertions.Expect(rows.First).ToContainTextAsync("README import");

        await PageActions.SelectAsync(page, "Person", "Administrator");
        await PageActions.WaitForUrlAsync(page, "**/admin/audit?action=import&person=Administrator", wiki);
        await Assertions.Expect(page.GetByTestId("audit-empty")).ToContainTextAsync("Nothing matches these filters.");
        await page.Context.CloseAsync();
    }
}
