using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

/// <summary>Every kind of response carries the CSP and the other protective headers.</summary>
public sealed class SecurityHeadersTests : IClassFixture<SecurityHeadersTests.Fixture>
{
    private readonly Fixture fixture;

    public SecurityHeadersTests(Fixture fixture) => this.fixture = fixture;

    public sealed class Fixture : IAsyncLifetime
    {
        public WikiApp App { get; } = new();
        public HttpClient Anonymous { get; private set; } = default!;
        public HttpClient Member { get; private set; } = default!;
        public HttpClient Admin { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            await Members.AddAsync(App, "headers@test.local", Roles.Researcher, Members.Aisc);
            Anonymous = Members.Client(App);
            Member = await Members.SignInAsync(App, "headers@test.local");
            Admin = await Members.SignInAsync(App, WikiApp.AdminEmail, WikiApp.AdminPassword);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    public static TheoryData<string, string, HttpStatusCode> Responses => new()
    {
        { "anonymous", "/", HttpStatusCode.OK },
        { "anonymous", "/topics/weak-to-strong-generalization", HttpStatusCode.OK },
        { "member", "/topics/weak-to-strong-generalization", HttpStatusCode.OK },
        { "member", "/entries/goal/edit", HttpStatusCode.OK },
        { "member", "/inbox", HttpStatusCode.OK },
        { "admin", "/admin/users", HttpStatusCode.OK },
        { "anonymous", "/Account/Login", HttpStatusCode.OK },
        { "member", "/Account/Manage", HttpStatusCode.OK },
        { "anonymous", "/no/such/route", HttpStatusCode.NotFound },
        { "member", "/topics/no-such-topic", HttpStatusCode.NotFound },
        { "anonymous", "/inbox", HttpStatusCode.Redirect },
        { "anonymous", "/Error", HttpStatusCode.OK },
        { "anonymous", "/feed.atom", HttpStatusCode.OK },
        { "anonymous", "/sitemap.xml", HttpStatusCode.OK },
        { "anonymous", "/robots.txt", HttpStatusCode.OK },
        { "anonymous", "/app.css", HttpStatusCode.OK },
    };

    private HttpClient ClientOf(string actor) => actor switch
    {
        "member" => fixture.Member,
        "admin" => fixture.Admin,
        _ => fixture.Anonymous,
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Get_AnyKindOfResponse_CarriesTheProtectiveHeaders(string actor, string path, HttpStatusCode expected)
    {
        using var response = await ClientOf(actor).GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        var csp = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal(["'self'"], csp["default-src"]);
        Assert.Equal("'self'", csp["script-src"][0]);
        Assert.All(csp["script-src"].Skip(1), source => Assert.StartsWith("'sha256-", source, StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", csp["script-src"]);
        Assert.DoesNotContain("'unsafe-eval'", csp["script-src"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.Equal(["'self'"], csp["base-uri"]);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task Get_AnonymousPageFromTheOutputCache_StillCarriesTheHeadersAndNoCookie()
    {
        using var first = await fixture.Anonymous.GetAsync("/questions");
        using var cached = await OutputCacheProbe.CachedAsync(fixture.Anonymous, "/questions");

        Assert.NotNull(cached);
        Assert.False(cached.Headers.Contains("Set-Cookie"));
        Assert.Equal(Header(first, "Content-Security-Policy"), Header(cached, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(cached, "X-Content-Type-Options"));
    }

    /// <summary>blazor.web.js compares the value case-sensitively: "Allow" from the cache made every click a full page load.</summary>
    [Fact]
    public async Task Get_AnonymousPageFromTheOutputCache_AllowsEnhancedNavigationExactlyAsAFreshPageDoes()
    {
        using var first = await fixture.Anonymous.GetAsync("/topics");
        using var cached = await OutputCacheProbe.CachedAsync(fixture.Anonymous, "/topics");

        Assert.NotNull(cached);
        Assert.Equal("allow", Header(first, "blazor-enhanced-nav"));
        Assert.Equal("allow", Header(cached, "blazor-enhanced-nav"));
    }

    [Theory]
    [InlineData("member", "/topics", 1)]
    [InlineData("member", "/entries/goal/edit", 1)]
    [InlineData("anonymous", "/topics", 0)]
    [InlineData("anonymous", "/Account/Login", 1)]
    public async Task Get_Page_EveryInlineScriptItHasIsAllowedByItsHash(string actor, string path, int inlineScripts)
    {
        using var response = await ClientOf(actor).GetAsync(path);
        var csp = Directives(Header(response, "Content-Security-Policy"));
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        var inline = document.QuerySelectorAll("script:not([src])").ToList();
        foreach (var script in inline)
        {
            Assert.Contains($"'{SecurityHeaders.HashOf(script.TextContent)}'", csp["script-src"]);
        }
        // Component endpoints have Blazor's import map; anonymous static pages have no inline script at all.
        Assert.Equal(inlineScripts, inline.Count);
        Assert.Equal(inline.Count, csp["script-src"].Length - 1);
    }

    [Fact]
    public async Task Get_OverHttps_SendsHsts()
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://wiki.example.org") });

        using var response = await client.GetAsync("/topics");

        Assert.StartsWith("max-age=31536000", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} has no {name} header");

    private static Dictionary<string, string[]> Directives(string policy) => policy
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .ToDictionary(parts => parts[0], parts => parts[1..]);
}
