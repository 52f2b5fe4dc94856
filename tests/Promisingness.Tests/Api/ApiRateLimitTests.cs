using System.Net;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Api;

public sealed class ApiRateLimitTests
{
    [Fact]
    public async Task EachToken_HasItsOwnBudget_AndOverItGets429WithAProblem()
    {
        using var app = new WikiApp(seed: false, settings: new Dictionary<string, string> { ["RateLimits:ApiRequestsPerMinute"] = "2" });
        var user = await Members.AddAsync(app, "ada@test.local", Roles.Researcher, Members.Aisc);
        var busy = ApiCalls.Client(app, await ApiCalls.TokenAsync(app, user, TokenScope.Read));
        var other = ApiCalls.Client(app, await ApiCalls.TokenAsync(app, user, TokenScope.Read));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await busy.GetAsync("/api/v1/entries");
            statuses.Add(response.StatusCode);
        }
        using var refused = await busy.GetAsync("/api/v1/entries");
        using var fresh = await other.GetAsync("/api/v1/entries");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }
}
