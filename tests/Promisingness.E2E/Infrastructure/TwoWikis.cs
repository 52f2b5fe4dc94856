using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Promisingness.E2E.Infrastructure;

/// <summary>
/// Two instances of the wiki on one database and one real Redis, as behind a load balancer, and a headless
/// Chromium. The database is a fresh SQLite file, or what <c>SCALE_TEST_DATABASE_PROVIDER</c> and
/// <c>SCALE_TEST_CONNECTION_STRING</c> name (e.g. Postgres and an empty database on the CI's server).
/// </summary>
public sealed class TwoWikis : IAsyncLifetime
{
    private readonly string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "promisingness-e2e", Guid.NewGuid().ToString("N"));
    private RedisServer? redis;
    private WebApplicationFactory<Program>? first;
    private WebApplicationFactory<Program>? second;
    private IPlaywright? playwright;

    public string FirstUrl { get; private set; } = "";
    public string SecondUrl { get; private set; } = "";
    public IServiceProvider First => first!.Services;
    public IServiceProvider Second => second!.Services;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!Chromium.RunningUnderCi && (RedisServer.Path is null || Chromium.Path is null))
        {
            return; // Every ScaleFact skips; there is nothing to start.
        }
        redis = await RedisServer.StartAsync();
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Wiki"] = Environment.GetEnvironmentVariable("SCALE_TEST_CONNECTION_STRING") is { Length: > 0 } connection
                ? connection
                : $"DataSource={System.IO.Path.Combine(folder, "wiki.db")}",
            ["Redis:Configuration"] = redis.Configuration,
        };
        if (Environment.GetEnvironmentVariable("SCALE_TEST_DATABASE_PROVIDER") is { Length: > 0 } provider)
        {
            settings["Database:Provider"] = provider;
        }
        // One after the other: the first migrates the database and imports the seed.
        (first, FirstUrl) = LiveWiki.Serve(settings);
        (second, SecondUrl) = LiveWiki.Serve(settings);

        if (Chromium.Path is null)
        {
            // Under CI a missing browser fails the run instead of skipping.
            throw new InvalidOperationException(Chromium.InstallHint);
        }
        playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(playwright);
    }

    /// <summary>A fresh browser context (its own cookies) whose relative addresses go to the given instance.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
        if (second is not null)
        {
            await second.DisposeAsync();
        }
        if (first is not null)
        {
            await first.DisposeAsync();
        }
        redis?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
