using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;

namespace Promisingness.E2E;

public sealed class EditingTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Password = "a passphrase for editing";

    private Task<IPage> SignedInAsync(string email) => wiki.SignedInResearcherAsync(email, Password);

    [BrowserFact]
    public async Task Researcher_EditsAPage_SeesTheDiffAndRestoresTheFirstRevision()
    {
        var page = await SignedInAsync("editor@example.org");
        await page.GotoAsync("pages/goal");
        await PageActions.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }), "**/entries/goal/edit");

        await PageActions.TypeBodyAsync(page, "Our goal, rewritten in the browser with **bold** words.", "rewritten in the browser");
        await page.GetByLabel("What did you change?").FillAsync("Rewrote the goal");
        await PageActions.ScreenshotAsync(page, "editor");
        await PageActions.SaveAndWaitForAsync(page, "**/pages/goal", wiki);
        await Assertions.Expect(page.Locator("main strong")).ToHaveTextAsync("bold");

        await PageActions.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "History" }), "**/entries/goal/history");
        await Assertions.Expect(page.GetByText("Rewrote the goal")).ToBeVisibleAsync();
        await PageActions.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Changes from revision 1" }), "**/entries/goal/diff*");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Changes from revision 1 to 2");
        await Assertions.Expect(page.Locator(".diff ins").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".diff del").First).ToBeVisibleAsync();
        await PageActions.ScreenshotAsync(page, "diff");

        await page.GotoAsync("entries/goal/history");
        await PageActions.ClickWhenReadyAsync(page.GetByRole(AriaRole.Button, new() { Name = "Restore revision 1" }));
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await PageActions.WaitForUrlAsync(page, "**/pages/goal", wiki);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("This project aims to get more grounding");
        await page.GotoAsync("entries/goal/history");
        await Assertions.Expect(page.GetByText("Restored revision 1")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Researcher_TypesTooManyTags_SeesTheLimitUnderTheTagsField_AndNothingIsSaved()
    {
        var page = await SignedInAsync("tagger@example.org");
        await page.GotoAsync("entries/how-safe-can-human-level-automated-alignment-researchers-be-made/edit");
        await PageActions.TypeBodyAsync(page, "Twenty-one tags are one too many.", "one too many");
        await page.GetByLabel("Tags (separated by commas)").FillAsync(string.Join(", ", Enumerable.Range(1, 21).Select(i => $"tag {i}")));
        await page.GetByTestId("save").ClickAsync();

        var tagsField = page.Locator(".mud-input-control").Filter(new() { Has = page.GetByLabel("Tags (separated by commas)") });
        await Assertions.Expect(tagsField.Locator(".mud-input-helper-text")).ToHaveTextAsync("An entry can have at most 20 tags; these are 21. Remove 1.");
        // Said beside Save as well, where the writer looks, with a link to the field.
        var outcome = page.GetByTestId("save-outcome");
        await Assertions.Expect(outcome).ToBeFocusedAsync();
        await Assertions.Expect(outcome).ToContainTextAsync("Not saved: one field needs a change.");
        await outcome.GetByRole(AriaRole.Link, new() { Name = "Tags: An entry can have at most 20 tags; these are 21. Remove 1." }).ClickAsync();
        // Still the editor, at the field.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/edit#field-Tags$"));
        await PageActions.ScreenshotAsync(page, "editor-too-many-tags");
        await page.GotoAsync("questions/how-safe-can-human-level-automated-alignment-researchers-be-made");
        await Assertions.Expect(page.Locator("ul.tags a").Filter(new() { HasText = "#tag-1" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task TwoPeople_EditTheSameEntry_TheSecondSeesBothTextsAndSavesTheMerge()
    {
        var first = await SignedInAsync("first@example.org");
        var second = await SignedInAsync("second@example.org");
        await first.GotoAsync("entries/background/edit");
        await second.GotoAsync("entries/background/edit");

        await PageActions.TypeBodyAsync(first, "First person's background.", "First person");
        await PageActions.TypeBodyAsync(second, "Second person's background.", "Second person");
        await Assertions.Expect(first.GetByTestId("presence")).ToContainTextAsync("second");
        await Assertions.Expect(second.GetByTestId("presence")).ToContainTextAsync("first");

        // The first person opens the entry in a second tab too: listed once.
        var firstAgain = await first.Context.NewPageAsync();
        await firstAgain.GotoAsync("entries/background/edit");
        await PageActions.WaitUntilLiveAsync(firstAgain);
        // A third person's tab crashes: they are dropped within seconds, not when their circuit is given up minutes later.
        var third = await SignedInAsync("third@example.org");
        await third.GotoAsync("entries/background/edit");
        await Assertions.Expect(second.GetByTestId("presence")).ToHaveTextAsync("Also editing now: first, third");
        var devtools = await third.Context.NewCDPSessionAsync(third);
        await Task.WhenAny(devtools.SendAsync("Page.crash"), Task.Delay(1000));
        await Assertions.Expect(second.GetByTestId("presence")).ToHaveTextAsync("Also editing now: first", new() { Timeout = 5000 });
        await firstAgain.CloseAsync();
        await third.Context.CloseAsync();
        await PageActions.SaveAndWaitForAsync(first, "**/pages/background", wiki);
        await Assertions.Expect(second.GetByTestId("saved-by-other")).ToContainTextAsync("first just saved revision 2");
        await PageActions.ClickWhenReadyAsync(second.GetByTestId("save"));

        await Assertions.Expect(second.GetByTestId("conflict")).ToBeVisibleAsync();
        // Focus moves to the conflict, and the line beside Save says what happened.
        await Assertions.Expect(second.Locator("#conflict")).ToBeFocusedAsync();
        await Assertions.Expect(second.GetByTestId("save-outcome")).ToContainTextAsync("Not saved: first saved revision 2 while you were editing.");
        // Their text is not overwritten by a click: "save mine" waits for a merged text or an explicit overwrite.
        await Assertions.Expect(second.GetByTestId("keep-mine")).ToBeDisabledAsync();
        await second.GetByText("Overwrite their change").ClickAsync();
        await Assertions.Expect(second.GetByTestId("keep-mine")).ToBeEnabledAsync();
        await second.GetByText("Overwrite their change").ClickAsync();
        await Assertions.Expect(second.GetByTestId("keep-mine")).ToBeDisabledAsync();
        await Assertions.Expect(second.GetByTestId("their-text")).ToContainTextAsync("First person's background.");
        await Assertions.Expect(second.Locator(".editor-body textarea")).ToHaveValueAsync("Second person's background.");
        await PageActions.ScreenshotAsync(second, "conflict");

        await PageActions.TypeBodyAsync(second, "First person's background.\n\nSecond person's addition.", "Second person's addition");
        await second.GetByTestId("keep-mine").ClickAsync();
        await second.GetByTestId("save").ClickAsync();
        await PageActions.WaitForUrlAsync(second, "**/pages/background", wiki);
        await Assertions.Expect(second.Locator("main")).ToContainTextAsync("First person's background.");
        await Assertions.Expect(second.Locator("main")).ToContainTextAsync("Second person's addition.");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Researcher_TypesInTheMiddleOfALongEntry_ThePreviewFollows_AndSaveKeepsExactlyWhatWasTyped()
    {
        var page = await SignedInAsync("middle@example.org");
        await page.GotoAsync("entries/weak-to-strong-generalization/edit");
        var text = string.Concat(Enumerable.Range(0, 3000).Select(i => i % 10 == 0 ? $"## Part {i} 👋\n\n" : $"Paragraph {i}: café, naïve, 🚀 and **bold** words.\n\n")) + "THE END";
        await PageActions.TypeBodyAsync(page, text, "THE END");

        // The editor sends only what changed: typed into the middle, after emoji that count two units each.
        var middle = text.IndexOf("\n\n", text.Length / 2, StringComparison.Ordinal);
        var area = page.Locator(".editor-body textarea");
        await area.EvaluateAsync("(area, at) => { area.focus(); area.setSelectionRange(at, at); }", middle);
        await page.Keyboard.TypeAsync(" Ünïcödé 🌍 typed");
        await Assertions.Expect(page.Locator(".editor-preview")).ToContainTextAsync("Ünïcödé 🌍 typed");
        // Typed and saved at once, before the pause would send it: the save takes it first.
        await page.Keyboard.TypeAsync(" and saved");
        await page.GetByTestId("save").ClickAsync();
        await PageActions.WaitForUrlAsync(page, "**/topics/weak-to-strong-generalization", wiki, "Save", timeout: 30_000);

        var factory = wiki.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Promisingness.Web.Data.WikiDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(text.Insert(middle, " Ünïcödé 🌍 typed and saved"), db.Entries.Single(e => e.Slug == "weak-to-strong-generalization").BodyMarkdown);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Researcher_PastesAOneMegabyteText_AndCtrlSSavesItIntact()
    {
        var page = await SignedInAsync("long@example.org");
        await page.GotoAsync("entries/in-context-learning/edit");
        var line = "A long review line with **some** words, repeated to make a megabyte of text.\n";
        var text = string.Concat(Enumerable.Repeat(line, (1024 * 1024 - 100) / line.Length)) + "THE END";
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(text) > 1_000_000);

        await PageActions.TypeBodyAsync(page, text, "THE END");
        await page.Locator(".editor-body textarea").PressAsync("Control+s");
        await PageActions.WaitForUrlAsync(page, "**/topics/in-context-learning", wiki, "Ctrl+S", timeout: 30_000);

        var factory = wiki.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Promisingness.Web.Data.WikiDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var saved = db.Entries.Single(e => e.Slug == "in-context-learning").BodyMarkdown;
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(saved))));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Researcher_UsesCtrlBAndTheToolbar_AndSeesThePreview()
    {
        var page = await SignedInAsync("marks@example.org");
        await page.GotoAsync("entries/theoretical-chain-of-thought/edit");
        await PageActions.TypeBodyAsync(page, "plain", "plain");
        var area = page.Locator(".editor-body textarea");
        await area.SelectTextAsync();
        await area.PressAsync("Control+b");

        await Assertions.Expect(page.Locator(".editor-preview strong")).ToHaveTextAsync("plain");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bulleted list" }).ClickAsync();
        await Assertions.Expect(page.Locator(".editor-preview li")).ToHaveCountAsync(1);

        // Wiki links are previewed as the saved page will show them: to an entry that exists, a link.
        await PageActions.TypeBodyAsync(page, "See [[Background]] and [[No such entry yet]].", "See");
        await Assertions.Expect(page.Locator(".editor-preview a.wikilink")).ToHaveAttributeAsync("href", "pages/background");
        await Assertions.Expect(page.Locator(".editor-preview .wikilink-missing")).ToHaveTextAsync("No such entry yet");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Researcher_CreatesATopicWithTwoOutputs_EditsItSeesTheDiffAndRestoresTheFirstRevision()
    {
        var page = await SignedInAsync("topics@example.org");
        await page.GotoAsync("topics");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New topic" })).ToHaveAttributeAsync("href", "new/topic");
        await page.GotoAsync("new/topic");

        await PageActions.TypeBodyAsync(page, "What we want to learn about **oversight**.", "What we want to learn");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Scalable Oversight Experiments");
        await page.Locator("div.mud-input-control.mud-select").Filter(new() { HasText = "Researchers" }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Severin Field" }).ClickAsync();
        // A multiple select stays open; clicking outside closes it.
        await page.Locator("h1").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await page.GetByTestId("add-output").ClickAsync();
        await page.GetByTestId("add-output").ClickAsync();
        var outputs = page.GetByTestId("output");
        await outputs.Nth(0).GetByLabel("Title").FillAsync("First findings");
        await outputs.Nth(0).GetByLabel("Link").FillAsync("https://www.lesswrong.com/posts/abc/first-findings");
        await outputs.Nth(1).GetByLabel("Title").FillAsync("Second post, still to come");
        await PageActions.SelectAsync(page, "Status", "Coming soon");
        await PageActions.ScreenshotAsync(page, "new-topic");
        await PageActions.SaveAndWaitForAsync(page, "**/topics/scalable-oversight-experiments", wiki);
        await Assertions.Expect(page.Locator("ul.outputs > li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("ul.people")).ToContainTextAsync("Severin Field");

        await PageActions.FollowAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }), "**/edit");
        await PageActions.TypeBodyAsync(page, "What we learned about **oversight**.", "What we learned");
        // At the Save button at the foot of the long form, the preview is still in view beside it.
        await page.GetByTestId("save").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(page.Locator(".editor-preview")).ToBeInViewportAsync();
        await page.GetByTestId("output").Nth(0).GetByLabel("Title").FillAsync("First findings, revised");
        await PageActions.SaveAndWaitForAsync(page, "**/topics/scalable-oversight-experiments", wiki);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "First findings, revised" })).ToBeVisibleAsync();

        await page.GotoAsync("entries/scalable-oversight-experiments/diff?from=1&to=2");
        await Assertions.Expect(page.Locator("section[aria-label=Fields] .diff__line--added").First).ToContainTextAsync("revised");

        await page.GotoAsync("entries/scalable-oversight-experiments/history");
        await PageActions.ClickWhenReadyAsync(page.GetByRole(AriaRole.Button, new() { Name = "Restore revision 1" }));
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await PageActions.WaitForUrlAsync(page, "**/topics/scalable-oversight-experiments", wiki);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "First findings", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("What we want to learn");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task EditorAndHistory_OnAPhone_FitTheScreen()
    {
        await SignedInAsync("phone@example.org").ContinueWith(t => t.Result.Context.CloseAsync()).Unwrap();
        var page = await wiki.NewPageAsync(width: 390, height: 844);
        await PageActions.SignInAsync(page, "phone@example.org", Password);
        foreach (var path in new[] { "entries/goal/edit", "entries/goal/history" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{path} is wider than a phone's screen");
            await PageActions.ScreenshotAsync(page, "phone-" + path.Replace('/', '-'));
        }

        // The preview would stack a screen below the text: a switch shows one or the other.
        await page.GotoAsync("entries/goal/edit");
        await PageActions.TypeBodyAsync(page, "Seen on a phone, previewed.", "previewed");
        var text = page.Locator(".editor-body textarea");
        var preview = page.Locator(".editor-preview");
        await Assertions.Expect(preview).ToBeHiddenAsync();
        await PageActions.ClickWhenReadyAsync(page.GetByTestId("show-preview"));
        await Assertions.Expect(preview).ToBeVisibleAsync();
        await Assertions.Expect(text).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("show-preview")).ToHaveAttributeAsync("aria-pressed", "true");
        await PageActions.ScreenshotAsync(page, "phone-preview");
        await page.GetByTestId("show-text").ClickAsync();
        await Assertions.Expect(text).ToHaveValueAsync("Seen on a phone, previewed.");
        await Assertions.Expect(preview).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task TextTypedButNotSaved_SurvivesAClosedTabAndIsOfferedBack()
    {
        var first = await SignedInAsync("closer@example.org");
        await first.GotoAsync("new/question");
        await PageActions.TypeBodyAsync(first, "A question I was halfway through writing?", "halfway through");
        await first.WaitForTimeoutAsync(1500); // the autosave follows a pause in typing
        await first.Context.CloseAsync();

        var again = await SignedInAsync("closer@example.org");
        await again.GotoAsync("new/question");
        await Assertions.Expect(again.GetByTestId("draft-offer")).ToBeVisibleAsync();
        await PageActions.ClickWhenReadyAsync(again.GetByRole(AriaRole.Button, new() { Name = "Bring it back" }));
        await Assertions.Expect(again.Locator(".editor-body textarea")).ToHaveValueAsync("A question I was halfway through writing?");
        await again.Context.CloseAsync();
    }
}
