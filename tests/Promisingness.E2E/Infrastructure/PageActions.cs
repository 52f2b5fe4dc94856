using Microsoft.Playwright;

namespace Promisingness.E2E.Infrastructure;

public static class PageActions
{
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // On a phone the button is in the folded menu: there, but not shown.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", IncludeHidden = true })).ToBeAttachedAsync();
    }

    /// <summary>
    /// Picks an option of a MudSelect. A prerendered select does nothing until the circuit is connected,
    /// so the click is retried until the list opens.
    /// </summary>
    public static async Task SelectAsync(IPage page, string label, string option)
    {
        var select = page.Locator("div.mud-input-control.mud-select").Filter(new() { HasText = label }).First;
        var list = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First;
        for (var attempt = 0; ; attempt++)
        {
            await select.ClickAsync();
            try
            {
                await list.WaitForAsync(new() { Timeout = 1000 });
                break;
            }
            catch (TimeoutException) when (attempt < 15)
            {
                // Not interactive yet.
            }
        }
        await list.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Types into the editor's text once the circuit is live: text typed into the prerendered page before
    /// that is lost, so it is typed again until the live preview shows it.
    /// </summary>
    public static async Task TypeBodyAsync(IPage page, string text, string marker)
    {
        var body = page.Locator(".editor-body textarea");
        var preview = page.Locator(".editor-preview");
        for (var attempt = 0; ; attempt++)
        {
            // Set as a paste would, in one input event: Playwright's fill is very slow on a megabyte of text.
            await body.EvaluateAsync("(area, text) => { area.value = text; area.dispatchEvent(new Event('input', { bubbles: true })); }", text);
            try
            {
                if (text.Length > 100_000)
                {
                    // Long texts are previewed on request only.
                    await page.GetByRole(AriaRole.Button, new() { Name = "Update the preview" }).ClickAsync(new() { Timeout = 10_000 });
                }
                await Assertions.Expect(preview).ToContainTextAsync(marker, new() { Timeout = text.Length > 100_000 ? 20_000 : 1500 });
                return;
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException && attempt < 10)
            {
                // Not interactive yet.
            }
        }
    }

    /// <summary>
    /// Follows a link or button that navigates. A click that lands while the page is turning interactive
    /// can be swallowed, so it is clicked again until the address changes.
    /// </summary>
    public static async Task FollowAsync(IPage page, ILocator target, string urlGlob)
    {
        for (var attempt = 0; ; attempt++)
        {
            await target.ClickAsync();
            try
            {
                await page.WaitForURLAsync(urlGlob, new() { Timeout = 5000 });
                return;
            }
            catch (TimeoutException) when (attempt < 8)
            {
                // Not navigated yet: the click fell between the prerendered page and the live one.
            }
        }
    }

    /// <summary>Opens the form for a new discussion under an entry (it opens on request), once the circuit is live.</summary>
    public static async Task<ILocator> OpenCommentFormAsync(IPage page)
    {
        var form = page.Locator("#new-discussion");
        for (var attempt = 0; attempt < 20 && await form.Locator("textarea").CountAsync() == 0; attempt++)
        {
            await page.GetByTestId("start-discussion").ClickAsync();
            await page.WaitForTimeoutAsync(250);
        }
        return form;
    }

    /// <summary>
    /// Clicks Save and waits for the page the save leads to. When it never comes, the failure says why: where the page
    /// is, what it shows (a conflict, a refusal, a failure) and what the server logged as a warning or an error.
    /// </summary>
    public static async Task SaveAndWaitForAsync(IPage page, string url, LiveWiki wiki)
    {
        await page.GetByTestId("save").ClickAsync();
        try
        {
            await page.WaitForURLAsync(url);
        }
        catch (TimeoutException e)
        {
            var shown = await page.Locator(".mud-alert, .mud-snackbar, [role=alert], #blazor-error-ui").AllInnerTextsAsync();
            await ScreenshotAsync(page, "save-did-not-navigate");
            throw new TimeoutException(
                $"The save did not lead to {url}. The page is at {page.Url} and shows: [{string.Join(" | ", shown)}]. The server's last warnings and errors: [{string.Join(" | ", wiki.LogLines.TakeLast(10))}]", e);
        }
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOT_DIR");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }
}
