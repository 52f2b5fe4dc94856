using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Infrastructure;

/// <summary>Accounts for tests, and signing in through the real Identity login form.</summary>
public static class Members
{
    public const string Password = "a passphrase long enough";
    public const int Aisc = 1;
    public const int Mars = 2;

    public static async Task<string> AddAsync(WikiApp app, string email, string role, int? programId = null, int? memberId = null)
    {
        var user = await app.Get<UserAdministration>().AddUserAsync(UserAdministration.CommandLine.Id, email, email.Split('@')[0], role, programId, memberId, Password);
        return user.Id;
    }

    public static HttpClient Client(WikiApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the login form as a browser would (with its antiforgery token) and returns the response.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var address = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(address));
        var form = page.QuerySelector("form[method=post]") ?? throw new InvalidOperationException("The login page has no form.");
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await client.PostAsync(address, new FormUrlEncodedContent(fields));
    }

    public static async Task<HttpClient> SignInAsync(WikiApp app, string email, string password = Password)
    {
        var client = Client(app);
        using var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}.");
        }
        return client;
    }

    public static string RoleOf(string actor) => actor switch
    {
        "mentor" => Roles.Mentor,
        "admin" => Roles.Admin,
        _ => Roles.Researcher,
    };
}
