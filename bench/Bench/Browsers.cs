using Microsoft.Playwright;

namespace Bench;

/// <summary>The headless Chromium the browser scenarios use, and a member's signed-in context.</summary>
internal static class Browsers
{
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"No Chromium at {chromium}: apt-get install -y chromium, or set CHROMIUM_PATH");
        }
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-renderer-backgrounding", "--disable-background-timer-throttling"],
        });
    }

    /// <summary>A browser context signed in as the wiki's admin, as a person does it, through the sign-in form.</summary>
    public static async Task<IBrowserContext> SignedInAsync(IBrowser browser, string baseUrl)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl + "/" });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("Account/Login");
        await signIn.GetByLabel("Email").FillAsync(WikiServer.AdminEmail);
        await signIn.GetByLabel("Password").FillAsync(WikiServer.AdminPassword);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(signIn.GetByRole(AriaRole.Button, new() { Name = "Sign out", IncludeHidden = true })).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await signIn.CloseAsync();
        return context;
    }
}
