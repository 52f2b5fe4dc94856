using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;

namespace Promisingness.E2E;

public sealed class DiscussionTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Password = "a passphrase for discussing";

    private Task<IPage> SignedInAsync(string email) => wiki.SignedInResearcherAsync(email, Password);

    /// <summary>Selects the first words of the entry's text as a reader would with the mouse.</summary>
    private static async Task SelectPassageAsync(IPage page, string words) => await page.EvaluateAsync(
        """
        (words) => {
            const walker = document.createTreeWalker(document.querySelector("[data-discussable]"), NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                const at = node.textContent.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + words.length);
                    const selection = document.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    document.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
                    return;
                }
            }
            throw new Error("passage not found: " + words);
        }
        """, words);

    [BrowserFact]
    public async Task TwoMembers_OnTheSameEntry_SeeEachOthersCommentsAppearLive()
    {
        var ada = await SignedInAsync("ada@example.org");
        var ben = await SignedInAsync("ben@example.org");
        await ada.GotoAsync("topics/weak-to-strong-generalization");
        await ben.GotoAsync("topics/weak-to-strong-generalization");
        await Assertions.Expect(ada.GetByTestId("discussion")).ToBeVisibleAsync();
        await Assertions.Expect(ben.GetByTestId("discussion")).ToBeVisibleAsync();
        var passage = await ada.Locator("[data-discussable] .prose p").First.InnerTextAsync();
        var quote = string.Join(' ', passage.Split(' ').Take(5));

        // The quote button is put in the page, hidden, once the live page's script listens for a selection.
        await Assertions.Expect(ada.Locator(".quote-button")).ToBeAttachedAsync();
        await SelectPassageAsync(ada, quote);
        await ada.Locator(".quote-button").ClickAsync();
        await Assertions.Expect(ada.GetByTestId("pending-quote")).ToContainTextAsync(quote);
        await ada.Locator("#new-discussion textarea").First.FillAsync("Is this **claim** still true?");
        await ada.Locator("#new-discussion").GetByTestId("comment-submit").ClickAsync();

        var benThread = ben.GetByTestId("thread").First;
        await Assertions.Expect(benThread).ToContainTextAsync("Is this claim still true?");
        await Assertions.Expect(benThread.Locator("mark")).ToHaveTextAsync(quote);

        await benThread.GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
        await benThread.Locator("textarea").First.FillAsync("Yes, see the newer paper.");
        await benThread.GetByTestId("comment-submit").ClickAsync();

        await Assertions.Expect(ada.GetByTestId("thread").First).ToContainTextAsync("Yes, see the newer paper.");
        await Assertions.Expect(ada.GetByTestId("inbox-link")).ToContainTextAsync("1");
        await PageActions.ScreenshotAsync(ada, "discussion");

        await ada.GetByTestId("thread").First.GetByTestId("resolve").ClickAsync();
        await Assertions.Expect(ben.Locator(".discussion__resolved summary")).ToHaveTextAsync("1 resolved discussion");
        await Assertions.Expect(ben.GetByTestId("discussion").Locator(".empty")).ToContainTextAsync("No open discussion");

        await ada.GetByTestId("inbox-link").ClickAsync();
        await Assertions.Expect(ada.GetByTestId("inbox")).ToContainTextAsync("replied in a discussion you took part in");
        await ada.Context.CloseAsync();
        await ben.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Member_OpensTheCommentForm_CommentsOnTheWholeEntry_AndTheFormCloses()
    {
        var page = await SignedInAsync("whole@example.org");
        await page.GotoAsync("topics/in-context-learning");
        var section = page.Locator("#new-discussion");
        // A page someone only reads holds no editor: the form opens on request.
        await Assertions.Expect(section.Locator("textarea")).ToHaveCountAsync(0);
        section = await PageActions.OpenCommentFormAsync(page);
        await section.Locator("textarea").First.FillAsync("Which **benchmark** do we use here?");
        await section.GetByTestId("comment-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("thread").First).ToContainTextAsync("Which benchmark do we use here?");
        await Assertions.Expect(section.Locator("textarea")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("start-discussion")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task MeetingNotes_StartWithTheOpenItems_AndAnActionItemIsTickedOffOnTheMeetingPage()
    {
        var page = await SignedInAsync("notes@example.org");
        await page.GotoAsync("meetings");
        await PageActions.FollowAsync(page, page.GetByTestId("new-meeting"), "**/new/meeting");
        await Assertions.Expect(page.GetByLabel("Agenda (Markdown)")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("## Open action items"), new() { Timeout = 20_000 });

        await PageActions.ClickWhenReadyAsync(page.GetByTestId("add-action-item"));
        await Assertions.Expect(page.GetByTestId("action-item")).ToHaveCountAsync(1);
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("action-item").GetByText("Say what is to be done, or remove this action item.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("save-outcome")).ToContainTextAsync("Say what is to be done, or remove this action item.");

        await page.GetByTestId("action-item").GetByLabel("What is to be done").FillAsync("Summarise the W2S paper");
        await PageActions.TypeBodyAsync(page, "We agreed to read more.", "read more");
        await PageActions.ScreenshotAsync(page, "meeting-editor");
        await page.GetByTestId("save").ClickAsync();
        await PageActions.WaitForUrlAsync(page, "**/meetings/weekly-meeting-*", wiki);
        await Assertions.Expect(page.GetByTestId("action-items")).ToContainTextAsync("Summarise the W2S paper");

        var box = page.GetByTestId("action-items").Locator("input[type=checkbox]").First;
        await box.CheckAsync();
        await Assertions.Expect(page.Locator(".action-item--done")).ToHaveCountAsync(1);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("action-items").Locator("input[type=checkbox]").First).ToBeCheckedAsync();
        await PageActions.ScreenshotAsync(page, "meeting");

        await page.GotoAsync("./");
        await Assertions.Expect(page.GetByTestId("desk")).ToContainTextAsync("Your week");
        await Assertions.Expect(page.GetByTestId("desk")).ToContainTextAsync("Weekly meeting");
        await PageActions.ScreenshotAsync(page, "home-member");
        await page.Context.CloseAsync();
    }
}
