using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

/// <summary>A request that fails on the server: the visitor gets a clear page with a reference, the log gets the same reference with the exception.</summary>
public sealed class FailurePageTests : IDisposable
{
    private readonly WikiApp app = new();

    public void Dispose() => app.Dispose();

    /// <summary>A real fault, not a test-only endpoint: the table every page reads from is gone.</summary>
    private async Task BreakTheDatabaseAsync()
    {
        using var db = app.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE Entries RENAME TO EntriesGone");
    }

    [Theory]
    [InlineData(false, "/topics")]
    [InlineData(true, "/topics")]
    [InlineData(false, "/pages/goal")]
    public async Task Get_WhenTheServerFails_ShowsAReferenceTheLogHoldsAndNoStackTrace(bool signedIn, string path)
    {
        await Members.AddAsync(app, "failing@test.local", Roles.Researcher, Members.Aisc);
        var client = signedIn ? await Members.SignInAsync(app, "failing@test.local") : Members.Client(app);
        await BreakTheDatabaseAsync();

        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal("Something went wrong", page.QuerySelector("h1")?.TextContent);
        var reference = page.QuerySelector("[data-testid=error-reference]")?.TextContent ?? "";
        Assert.Matches("^[0-9a-f]{32}$", reference);
        Assert.DoesNotContain("   at ", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain("EntriesGone", html);
        Assert.DoesNotContain("SQLite", html, StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Age"), "a failure must not be served from the cache");
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains(reference, StringComparison.Ordinal) && line.Contains("no such table", StringComparison.Ordinal));
    }
}
