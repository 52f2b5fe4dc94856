using System.Net;

namespace Promisingness.Tests.Infrastructure;

/// <summary>A browser's cookie jar for a test client, which also remembers every cookie value it was given.</summary>
public sealed class RecordingCookies : DelegatingHandler
{
    private readonly CookieContainer jar = new();

    public List<string> Values { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (jar.GetCookieHeader(uri) is { Length: > 0 } header)
        {
            request.Headers.Add("Cookie", header);
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                jar.SetCookies(uri, cookie);
                var value = cookie.Split(';')[0].Split('=', 2)[1];
                if (value.Length > 0)
                {
                    Values.Add(value);
                }
            }
        }
        return response;
    }
}
