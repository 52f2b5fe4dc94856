using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;

namespace Promisingness.E2E;

/// <summary>
/// A member's page is prerendered and turns interactive when its circuit connects. Until then its controls are
/// disabled, saying why on hover, and its links navigate; then the first click on each kind of member page counts.
/// No page leaves an error in the browser's console, also after the page is left.
/// </summary>
public sealed class FirstClickTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Password = "a passphrase for the first click";
    private const string Topic = "topics/weak-to-strong-generalization";
    private const string Question = "questions/how-safe-can-human-level-automated-alignment-researchers-be-made";

    private Task<IPage> SignedInAsync(string email) => wiki.SignedInResearcherAsync(email, Password);

    [BrowserFact]
    public async Task BeforeTheCircuitConnects_ControlsAreDisabledSayingSo_FieldsCannotBeTyped_AndLinksNavigate()
    {
        var signedIn = await SignedInAsync("prerendered@example.org");
        // The same member with scripts off: the page stays as prerendered, as every page is until its circuit connects.
        var context = await wiki.Browser.NewContextAsync(new()
        {
            BaseURL = wiki.BaseUrl,
            JavaScriptEnabled = false,
            StorageState = await signedIn.Context.StorageStateAsync(),
        });
        await signedIn.Context.CloseAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(Topic);
        var connecting = page.Locator("main").GetByTestId("connecting");
        await Assertions.Expect(connecting).ToHaveAttributeAsync("title", "Connecting…");
        await Assertions.Expect(connecting.GetByTestId("watch")).ToBeDisabledAsync();
        await Assertions.Expect(connecting.GetByTestId("start-discussion")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#site-search")).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await PageActions.WaitForUrlAsync(page, "**/entries/weak-to-strong-generalization/edit", wiki);

        await Assertions.Expect(page.GetByTestId("save")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator(".editor-body textarea")).Not.ToBeEditableAsync();
        await Assertions.Expect(page.Locator("#field-Title")).Not.ToBeEditableAsync();

        await page.GotoAsync(Question);
        await Assertions.Expect(page.GetByTestId("credence-save")).ToBeDisabledAsync();
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task OnEachKindOfMemberPage_TheFirstClickCounts_AndNoConsoleErrorIsLeft()
    {
        var page = await SignedInAsync("firstclick@example.org");
        var errors = ConsoleErrors.Watch(page);

        // An entry with a discussion: Watch.
        await page.GotoAsync(Topic);
        await PageActions.ClickWhenReadyAsync(page.GetByTestId("watch"));
        await Assertions.Expect(page.GetByTestId("watch")).ToHaveTextAsync("Stop watching");

        // Leaving the entry page takes its passage selection along: a later mouse-up finds nothing to update.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Team");
        await Assertions.Expect(page.Locator(".quote-button")).ToHaveCountAsync(0);
        await page.Mouse.ClickAsync(5, 5);
        await page.Keyboard.PressAsync("Shift");

        // A discussion: comment on the whole entry.
        await page.GotoAsync("pages/background");
        var form = await PageActions.OpenCommentFormAsync(page);
        await form.Locator("textarea").First.FillAsync("Commented first thing.");
        await PageActions.ClickWhenReadyAsync(form.GetByTestId("comment-submit"));
        await Assertions.Expect(page.GetByTestId("thread").First).ToContainTextAsync("Commented first thing.");

        // The editor: Save, with nothing changed, says so and goes back to the entry.
        await page.GotoAsync("entries/goal/edit");
        await PageActions.SaveAndWaitForAsync(page, "**/pages/goal", wiki);
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Nothing had changed");

        // A question: the estimate form.
        await page.GotoAsync(Question);
        await page.GetByLabel("Your estimate (%)").FillAsync("30");
        await PageActions.ClickWhenReadyAsync(page.GetByTestId("credence-save"));
        await Assertions.Expect(page.GetByTestId("credence-median")).ToHaveTextAsync("30 %");

        Assert.Empty(errors.List());
        await page.Context.CloseAsync();
    }
}
