using System.Net;
using Promisingness.Tests.Infrastructure;

namespace Promisingness.Tests.Scale;

/// <summary>Behind the load balancer: X-Forwarded-* is believed from the named proxy only.</summary>
public sealed class ProxyHeadersTests
{
    /// <summary>Asks a member's page anonymously, through real Kestrel from 127.0.0.1, claiming to be https from 203.0.113.9.</summary>
    private static async Task<Uri> SignInRedirectAsync(string? knownProxies)
    {
        var settings = knownProxies is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["ForwardedHeaders:KnownProxies"] = knownProxies };
        using var app = new WikiApp(seed: false, settings: settings);
        var address = app.StartKestrel();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/inbox");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    [Fact]
    public async Task FromTheKnownProxy_TheForwardedSchemeIsHonoured()
    {
        var location = await SignInRedirectAsync("127.0.0.1");

        Assert.Equal("https", location.Scheme);
    }

    [Theory]
    [InlineData("10.9.8.7")]
    [InlineData(null)]
    public async Task FromAnyoneElse_OrWithNoProxyConfigured_TheHeadersAreIgnored(string? knownProxies)
    {
        var location = await SignInRedirectAsync(knownProxies);

        Assert.Equal("http", location.Scheme);
    }
}
