using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

/// <summary>
/// A member's page as first sent, before its circuit connects: every form control is disabled, saying why on hover,
/// so that no click or keystroke is lost; links are not. An anonymous page is static for good and disables nothing.
/// </summary>
public sealed class UntilConnectedTests : MentorAppTest
{
    [Theory]
    [InlineData("/topics/weak-to-strong-generalization")]
    [InlineData("/entries/goal/edit")]
    [InlineData("/questions/how-safe-can-human-level-automated-alignment-researchers-be-made")]
    public async Task MemberPage_AsPrerendered_DisablesEveryControl_SayingItIsConnecting_ButNoLink(string path)
    {
        await Members.AddAsync(App, "connecting@test.local", Roles.Researcher, Members.Mars);
        var member = await Members.SignInAsync(App, "connecting@test.local");

        var page = await ParseAsync(member, path);

        var gate = Assert.Single(page.QuerySelectorAll("main fieldset.until-connected"));
        Assert.True(gate.HasAttribute("disabled"));
        Assert.Equal("Connecting…", gate.GetAttribute("title"));
        var controls = page.QuerySelectorAll("main button, main input, main textarea, main select, #site-search");
        Assert.NotEmpty(controls);
        Assert.All(controls, control => Assert.NotNull(control.Closest("fieldset[disabled]")));
        Assert.All(page.QuerySelectorAll("main a[href]"), link => Assert.False(link.HasAttribute("disabled")));
        // Links load the next page whole until the circuit is live: an enhanced navigation while it starts once left
        // the old page's content under the new address (a browser test on CI).
        Assert.All(page.QuerySelectorAll("main a[href], header a[href]"), link => Assert.Equal("false", link.Closest("[data-enhance-nav]")?.GetAttribute("data-enhance-nav")));
    }

    [Fact]
    public async Task AnonymousPage_DisablesNothing()
    {
        var page = await ParseAsync(Members.Client(App), "/topics/weak-to-strong-generalization");

        Assert.Empty(page.QuerySelectorAll("fieldset.until-connected"));
        Assert.Null(page.QuerySelector("#site-search")!.Closest("fieldset"));
        Assert.Empty(page.QuerySelectorAll("[data-enhance-nav=false]"));
    }

    private static async Task<IDocument> ParseAsync(HttpClient client, string path) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync(path));
}
