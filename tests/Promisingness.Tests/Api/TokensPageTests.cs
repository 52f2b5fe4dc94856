using System.Net;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Api;

/// <summary>The account page where members make, see and revoke their tokens, over HTTP as a browser uses it.</summary>
public sealed class TokensPageTests : IAsyncLifetime
{
    private const string Page = "/Account/Manage/Tokens";
    private readonly WikiApp app = new(seed: false);
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        await Members.AddAsync(app, "ada@test.local", Roles.Researcher, Members.Aisc);
        client = await Members.SignInAsync(app, "ada@test.local");
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NoTokens_ShowsTheEmptyStateAndTheForm()
    {
        var html = await client.GetStringAsync(Page);

        Assert.Contains("data-testid=\"no-tokens\"", html);
        Assert.Contains("Create token", html);
        Assert.Contains("Account/Manage/Tokens", await client.GetStringAsync("/Account/Manage"));
    }

    [Fact]
    public async Task Create_ShowsTheSecretOnceAndListsTheToken()
    {
        var (response, _) = await Forms.PostAsync(client, Page, new Dictionary<string, string>
        {
            ["Input.Name"] = "literature assistant",
            ["Input.Scope"] = "Comment",
            ["Input.Days"] = "30",
            ["Input.AssistantName"] = "Claude",
        }, handler: "create-token");
        var shown = await response.Content.ReadAsStringAsync();
        var later = await client.GetStringAsync(Page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"token-secret\"", shown);
        Assert.Contains("value=\"pw_", shown);
        Assert.Contains("literature assistant (for Claude)", later);
        Assert.DoesNotContain("pw_", later);
        Assert.Contains("never", later);
    }

    [Fact]
    public async Task Create_TooLong_SaysSoBesideTheFieldAndMakesNothing()
    {
        var (response, _) = await Forms.PostAsync(client, Page, new Dictionary<string, string>
        {
            ["Input.Name"] = "n",
            ["Input.Scope"] = "Read",
            ["Input.Days"] = "400",
        }, handler: "create-token");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"error-Days\"", html);
        Assert.Contains("A token lasts from 1 to 365 days.", html);
        Assert.Contains("data-testid=\"no-tokens\"", html);
    }
}
