using System.Net;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Scale;

/// <summary>Two instances of the wiki on one database, as behind a load balancer.</summary>
public sealed class SharedDatabaseTests : IDisposable
{
    private readonly WikiApp first = new();
    private readonly WikiApp? second;

    public SharedDatabaseTests() => second = new WikiApp(seed: true, databasePath: first.DatabasePath);

    public void Dispose()
    {
        second?.Dispose();
        first.Dispose();
    }

    [Fact]
    public async Task SignedInOnOneInstance_TheCookieWorksOnTheOther()
    {
        _ = first.Services;
        await Members.AddAsync(first, "ada@test.local", Roles.Researcher, Members.Aisc);
        var onFirst = await Members.SignInAsync(first, "ada@test.local");
        using var probe = await onFirst.GetAsync("/inbox");
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        var cookies = probe.RequestMessage!.Headers.GetValues("Cookie").ToList();

        var onSecond = Members.Client(second!);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/inbox");
        request.Headers.Add("Cookie", cookies);
        using var response = await onSecond.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Inbox", await response.Content.ReadAsStringAsync());
        // The key that protects the cookie lives in the shared database, not in one machine's home folder.
        using var db = second!.CreateDbContext();
        Assert.NotEmpty(db.DataProtectionKeys);
    }

    [Fact]
    public async Task Healthz_SaysTheDatabaseAnswersAndIsUpToDate()
    {
        using var response = await first.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
