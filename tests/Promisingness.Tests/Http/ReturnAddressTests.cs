using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Components.Account;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

/// <summary>Every form that ends in a ReturnUrl finishes its work and then stays on this site, whatever address it was given.</summary>
public sealed class ReturnAddressTests : IDisposable
{
    private readonly WikiApp app = new(settings: new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "1000" });

    public void Dispose() => app.Dispose();

    public static TheoryData<string> ForeignAddresses() =>
    [
        "https://example.org",
        "//example.org",
        "/\\example.org",
        "\\\\example.org",
        "https:example.org",
        "javascript:alert(1)",
        "/%2F%2Fexample.org",
        "/%5Cexample.org",
        "/\texample.org",
    ];

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    public async Task SignIn_WithAForeignReturnUrl_SignsInAndGoesHome(string returnUrl)
    {
        await Members.AddAsync(app, "r@test.local", Roles.Researcher, Members.Aisc);
        var client = Members.Client(app);

        using var response = await Members.PostLoginAsync(client, "r@test.local", Members.Password, returnUrl);

        Assert.Equal("/", LocationOf(response));
        Assert.Contains("Sign out", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task SignIn_WithALocalReturnUrl_GoesThere()
    {
        await Members.AddAsync(app, "r@test.local", Roles.Researcher, Members.Aisc);

        using var response = await Members.PostLoginAsync(Members.Client(app), "r@test.local", Members.Password, "/topics?kind=all");

        Assert.Equal("/topics?kind=all", LocationOf(response));
    }

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    [InlineData("/topics")]
    public async Task SignOut_WithAnyReturnUrl_SignsOutAndStaysOnThisSite(string returnUrl)
    {
        await Members.AddAsync(app, "r@test.local", Roles.Researcher, Members.Aisc);
        var client = await Members.SignInAsync(app, "r@test.local");

        using var response = await PostSignOutAsync(client, returnUrl);

        Assert.Equal(returnUrl == "/topics" ? "/topics" : "/", LocationOf(response));
        Assert.DoesNotContain("Sign out", await client.GetStringAsync("/"));
    }

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    public async Task SignInWithARecoveryCode_WithAForeignReturnUrl_SignsInAndGoesHome(string returnUrl)
    {
        await Members.AddAsync(app, "two@test.local", Roles.Researcher, Members.Aisc);
        var code = await TurnOnTwoFactorAsync("two@test.local");
        var client = Members.Client(app);
        using (var first = await Members.PostLoginAsync(client, "two@test.local", Members.Password, returnUrl))
        {
            Assert.StartsWith("/Account/LoginWith2fa", LocationOf(first), StringComparison.Ordinal);
        }

        var (response, _) = await Forms.PostAsync(client, $"/Account/LoginWithRecoveryCode?ReturnUrl={Uri.EscapeDataString(returnUrl)}",
            new Dictionary<string, string> { ["Input.RecoveryCode"] = code });

        using (response)
        {
            Assert.Equal("/", LocationOf(response));
        }
        Assert.Contains("Sign out", await client.GetStringAsync("/"));
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("/topics/sparse-autoencoders#notes", "/topics/sparse-autoencoders#notes")]
    [InlineData("/search?q=a%20b", "/search?q=a%20b")]
    [InlineData("/topics/é", "/topics/%C3%A9")]
    [InlineData("topics", "/")]
    [InlineData("/%252F%252Fexample.org", "/")]
    [InlineData("/a\nb", "/")]
    [InlineData("/a%0Db", "/")]
    public void LocalOrHome_KeepsPathsOnThisSiteOnly(string? candidate, string expected) =>
        Assert.Equal(expected, ReturnAddress.LocalOrHome(candidate));

    private static string? LocationOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri
            ? (location.Host == "localhost" ? location.PathAndQuery + location.Fragment : location.ToString())
            : location.OriginalString;
    }

    private static async Task<HttpResponseMessage> PostSignOutAsync(HttpClient client, string returnUrl)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        var form = page.QuerySelector("form[action='Account/Logout']") ?? throw new InvalidOperationException("The page has no sign-out form.");
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["ReturnUrl"] = returnUrl;
        return await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(fields));
    }

    private async Task<string> TurnOnTwoFactorAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 1))!.Single();
    }
}
