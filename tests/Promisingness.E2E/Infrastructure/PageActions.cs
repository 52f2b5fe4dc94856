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
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
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
