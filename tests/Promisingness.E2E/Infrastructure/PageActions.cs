using System.Text.RegularExpressions;
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
    /// Clicks a control once, as a person would once it looks ready: a member's page disables its controls until the
    /// circuit is live (UntilConnected), so waiting for the control to be enabled is waiting for the click to count.
    /// </summary>
    public static async Task ClickWhenReadyAsync(ILocator control)
    {
        await Assertions.Expect(control).ToBeEnabledAsync();
        await control.ClickAsync();
    }

    /// <summary>Waits until the page's controls are no longer held back (greyed out) while its circuit connects.</summary>
    public static async Task WaitUntilLiveAsync(IPage page) =>
        await Assertions.Expect(page.Locator("fieldset.until-connected")).ToHaveCountAsync(0);

    /// <summary>Picks an option of a MudSelect, once the page is live.</summary>
    public static async Task SelectAsync(IPage page, string label, string option)
    {
        var select = page.Locator("div.mud-input-control.mud-select").Filter(new() { HasText = label }).First;
        // The select is a div, which Playwright does not see disabled: it waits for the page to hold nothing back.
        await WaitUntilLiveAsync(page);
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Puts the text into the editor once it can be kept (the field is editable), and waits for the live preview to show it.</summary>
    public static async Task TypeBodyAsync(IPage page, string text, string marker)
    {
        var body = page.Locator(".editor-body textarea");
        await Assertions.Expect(body).ToBeEditableAsync();
        // Set as a paste would, in one input event: Playwright's fill is very slow on a megabyte of text.
        await body.EvaluateAsync("(area, text) => { area.value = text; area.dispatchEvent(new Event('input', { bubbles: true })); }", text);
        await Assertions.Expect(page.Locator(".editor-preview")).ToContainTextAsync(marker, new() { Timeout = text.Length > 100_000 ? 30_000 : 15_000 });
    }

    /// <summary>Follows a link or button that navigates: one click, then the address it leads to.</summary>
    public static async Task FollowAsync(IPage page, ILocator target, string urlGlob)
    {
        await ClickWhenReadyAsync(target);
        await Assertions.Expect(page).ToHaveURLAsync(UrlPattern(urlGlob));
    }

    /// <summary>Opens the form for a new discussion under an entry (it opens on request).</summary>
    public static async Task<ILocator> OpenCommentFormAsync(IPage page)
    {
        var form = page.Locator("#new-discussion");
        await ClickWhenReadyAsync(page.GetByTestId("start-discussion"));
        await Assertions.Expect(form.Locator("textarea").First).ToBeEditableAsync();
        return form;
    }

    /// <summary>
    /// Clicks Save and waits for the page the save leads to. When it never comes, the failure says why: where the page
    /// is, what it shows (a conflict, a refusal, a failure) and what the server logged as a warning or an error.
    /// </summary>
    public static async Task SaveAndWaitForAsync(IPage page, string url, LiveWiki wiki)
    {
        await ClickWhenReadyAsync(page.GetByTestId("save"));
        await WaitForUrlAsync(page, url, wiki, "The save");
    }

    /// <summary>
    /// Waits for the address an action leads to; when it does not come, says where the page is, what it shows,
    /// what its browser logged (console, navigations, the circuit's socket) and what the server logged.
    /// </summary>
    public static async Task WaitForUrlAsync(IPage page, string url, LiveWiki wiki, string what = "The last action", float? timeout = null)
    {
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(UrlPattern(url), new() { Timeout = timeout ?? 30_000 });
        }
        catch (PlaywrightException e)
        {
            var shown = await page.Locator(".mud-alert, .mud-snackbar, [role=alert], #blazor-error-ui, #components-reconnect-modal").AllInnerTextsAsync();
            await ScreenshotAsync(page, "did-not-navigate");
            throw new TimeoutException(
                $"{what} did not lead to {url}. The page is at {page.Url} and shows: [{string.Join(" | ", shown)}].\n"
                + $"Its browser logged:\n  {string.Join("\n  ", BrowserLog.Of(page))}\n"
                + $"The server logged (last 20):\n  {string.Join("\n  ", wiki.LogLines.TakeLast(20))}", e);
        }
    }

    /// <summary>
    /// A glob of an address ("**" any text, "*" any text within one path segment, everything else itself) as the
    /// pattern the address is polled for. Polled, not waited for as an event: a member's pages move on within the
    /// document (the interactive router), where no load event need follow, and a navigation waiter can miss such a move.
    /// </summary>
    public static Regex UrlPattern(string glob) =>
        new("^" + Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOT_DIR");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            // Transitions finished: a screenshot right after a click otherwise catches buttons halfway between their looks.
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
        }
    }
}
