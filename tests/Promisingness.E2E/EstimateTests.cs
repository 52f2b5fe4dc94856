using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Security;

namespace Promisingness.E2E;

public sealed class EstimateTests(LiveWiki wiki) : IClassFixture<LiveWiki>
{
    private const string Password = "a passphrase for estimating";
    private const string Question = "questions/how-safe-can-human-level-automated-alignment-researchers-be-made";

    [BrowserFact]
    public async Task Member_RecordsAnEstimate_AndAnAnonymousVisitorSeesTheMedianAndChart()
    {
        await wiki.Services.GetRequiredService<UserAdministration>()
            .AddUserAsync(UserAdministration.CommandLine.Id, "estimator@example.org", "estimator", Roles.Researcher, 2, null, Password);
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, "estimator@example.org", Password);
        await page.GotoAsync(Question);

        // Typed before the circuit is up, a value would be lost when the page turns interactive: retry until recorded.
        for (var attempt = 0; attempt < 10 && await page.GetByTestId("credence-median").CountAsync() == 0; attempt++)
        {
            await page.GetByLabel("Your estimate (%)").FillAsync("0.5");
            await page.GetByLabel("Why (optional)").FillAsync("Oversight scales worse than capability.");
            await page.GetByTestId("credence-save").ClickAsync();
            await page.WaitForTimeoutAsync(500);
        }
        await Assertions.Expect(page.GetByTestId("credence-median")).ToHaveTextAsync("0.5 %");
        await Assertions.Expect(page.GetByTestId("credences")).ToContainTextAsync("Oversight scales worse than capability.");
        await PageActions.ScreenshotAsync(page, "estimates-member");

        var visitor = await wiki.NewPageAsync(390, 844);
        await visitor.GotoAsync(Question);
        await Assertions.Expect(visitor.GetByTestId("credence-median")).ToHaveTextAsync("0.5 %");
        await Assertions.Expect(visitor.Locator(".credence-chart circle")).ToHaveCountAsync(1);
        await Assertions.Expect(visitor.GetByTestId("credences")).Not.ToContainTextAsync("estimator");
        await PageActions.ScreenshotAsync(visitor, "estimates-phone");
        await page.Context.CloseAsync();
        await visitor.Context.CloseAsync();
    }
}
