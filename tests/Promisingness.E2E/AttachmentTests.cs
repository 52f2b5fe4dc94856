using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Security;
using SkiaSharp;

namespace Promisingness.E2E;

public sealed class AttachmentTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Password = "a passphrase for figures";

    /// <summary>A 40 × 30 PNG, as a screenshot tool would put it on the clipboard.</summary>
    private static int[] Figure()
    {
        using var bitmap = new SKBitmap(40, 30);
        bitmap.Erase(SKColors.SeaGreen);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return [.. data.ToArray().Select(b => (int)b)];
    }

    [BrowserFact]
    public async Task Researcher_PastesAnImage_SeesItInThePreview_AndAnonymousVisitorsSeeItOnThePage_ASvgIsRefusedBesideTheEditor()
    {
        await wiki.Services.GetRequiredService<UserAdministration>().AddUserAsync(UserAdministration.CommandLine.Id, "figures@example.org", "figures", Roles.Researcher, 1, null, Password);
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, "figures@example.org", Password);
        await page.GotoAsync("entries/background/edit");
        await PageActions.TypeBodyAsync(page, "The loss falls as the model grows:\n\n", "The loss falls");

        var body = page.Locator(".editor-body textarea");
        var figure = Figure();
        // As a person would: once "Add file" is enabled, the editor takes files; one paste.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add an image or a file" })).ToBeEnabledAsync();
        // A paste from the clipboard, as Chromium delivers it: a ClipboardEvent whose data holds the file.
        await body.EvaluateAsync("""
            (area, bytes) => {
                const data = new DataTransfer();
                data.items.add(new File([new Uint8Array(bytes)], "loss-curve.png", { type: "image/png" }));
                area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, figure);
        await Assertions.Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"!\[loss-curve\]\(/files/[0-9a-f]{64}/loss-curve\.png\)"));
        await Assertions.Expect(page.Locator(".editor-preview img[alt='loss-curve']")).ToBeVisibleAsync();
        await PageActions.ScreenshotAsync(page, "editor-pasted-image");

        // A file larger than the forms' 8 MB limit (but within the files' 20 MB), through Kestrel's own limits, becomes a link.
        await body.EvaluateAsync("""
            area => {
                const data = new DataTransfer();
                data.items.add(new File(["a".repeat(9 * 1024 * 1024)], "notes.txt", { type: "text/plain" }));
                area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """);
        await Assertions.Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\[notes\]\(/files/[0-9a-f]{64}/notes\.txt\)"));
        // An SVG is refused, with the reason beside the editor, and nothing is inserted.
        await body.EvaluateAsync("""
            area => {
                const data = new DataTransfer();
                data.items.add(new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], "diagram.svg", { type: "image/svg+xml" }));
                area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """);
        await Assertions.Expect(page.Locator("[data-attach-status]")).ToContainTextAsync("diagram.svg: This kind of file is not accepted");
        Assert.DoesNotContain("diagram", await body.InputValueAsync(), StringComparison.Ordinal);
        await PageActions.SaveAndWaitForAsync(page, "**/pages/background", wiki);
        await page.Context.CloseAsync();

        var visitor = await wiki.NewPageAsync();
        await visitor.GotoAsync("pages/background");
        var shown = visitor.Locator("main img[alt='loss-curve']");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        Assert.Equal(40, await shown.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0"));
        await visitor.Context.CloseAsync();
    }
}
