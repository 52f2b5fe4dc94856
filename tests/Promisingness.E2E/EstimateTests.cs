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
        var page = await SignedInAtTheQuestionAsync("estimator@example.org", "estimator");
        await page.GetByLabel("Your estimate (%)").FillAsync("0.5");
        await page.GetByLabel("Why (optional)").FillAsync("Oversight scales worse than capability.");
        await page.GetByTestId("credence-save").ClickAsync();
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

    [BrowserFact]
    public async Task Member_TypesAnOutOfRangeOrNonNumber_SeesTheMessageBesideTheField_ThenWithdrawsAnEstimate()
    {
        var page = await SignedInAtTheQuestionAsync("withdrawer@example.org", "withdrawer");
        var field = page.Locator(".credences__percent");
        var list = page.Locator(".credences__list");

        await page.GetByLabel("Your estimate (%)").FillAsync("abc");
        await page.GetByTestId("credence-save").ClickAsync();
        await Assertions.Expect(field.Locator(".mud-input-helper-text")).ToHaveTextAsync("That is not a number. Give a probability between 0 and 100 %.");

        await page.GetByLabel("Your estimate (%)").FillAsync("150");
        await page.GetByTestId("credence-save").ClickAsync();
        await Assertions.Expect(field.Locator(".mud-input-helper-text")).ToHaveTextAsync("Give a probability between 0 and 100 %.");
        await PageActions.ScreenshotAsync(page, "estimates-out-of-range");
        await Assertions.Expect(page.GetByTestId("credences")).Not.ToContainTextAsync("withdrawer");

        await page.GetByLabel("Your estimate (%)").FillAsync("20");
        await page.GetByTestId("credence-save").ClickAsync();
        await Assertions.Expect(list).ToContainTextAsync("withdrawer 20 %");
        await Assertions.Expect(field.Locator(".mud-input-helper-text")).ToHaveCountAsync(0);

        await page.GetByTestId("credence-withdraw").ClickAsync();
        await Assertions.Expect(page.GetByTestId("credence-withdraw")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("credences")).Not.ToContainTextAsync("withdrawer");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// A new researcher, signed in, at the question, once its form is live: its fields and buttons are disabled until
    /// the circuit has rendered the loaded form, as a person sees them.
    /// </summary>
    private async Task<IPage> SignedInAtTheQuestionAsync(string email, string name)
    {
        await wiki.Services.GetRequiredService<UserAdministration>()
            .AddUserAsync(UserAdministration.CommandLine.Id, email, name, Roles.Researcher, 2, null, Password);
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, email, Password);
        await page.GotoAsync(Question);
        await Assertions.Expect(page.GetByTestId("credence-save")).ToBeEnabledAsync(new() { Timeout = 15_000 });
        return page;
    }
}
