using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Security;

namespace Promisingness.E2E.Infrastructure;

/// <summary>The real wiki on Kestrel at a random loopback port, on its own SQLite file with the seed, and a headless Chromium.</summary>
public class LiveWiki : IAsyncLifetime
{
    public const string AdminEmail = "admin@e2e.local";
    public const string AdminPassword = "e2e passphrase for the admin";

    private readonly string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "promisingness-e2e", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? factory;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    public IServiceProvider Services => factory!.Services;

    public string DatabasePath => System.IO.Path.Combine(folder, "wiki.db");

    /// <summary>Everything the server logged: level, category, message and exception, one entry each.</summary>
    public IReadOnlyCollection<string> LogLines => logs.Lines;

    private readonly ServerLogs logs = new();

    /// <summary>Appended to the connection string, for a fixture that needs the database to behave differently.</summary>
    protected virtual string ConnectionOptions => "";

    public async Task InitializeAsync()
    {
        if (Chromium.Path is null && !Chromium.RunningUnderCi)
        {
            return; // Every BrowserFact skips; there is nothing to start.
        }
        Directory.CreateDirectory(folder);
        (factory, BaseUrl) = Serve(Settings, logging: logs);

        if (Chromium.Path is null)
        {
            // Under CI a missing browser fails the run instead of skipping.
            throw new InvalidOperationException(Chromium.InstallHint);
        }
        playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(playwright);
    }

    private Dictionary<string, string> Settings => new() { ["ConnectionStrings:Wiki"] = $"DataSource={DatabasePath}{ConnectionOptions}" };

    /// <summary>
    /// Stops the server and starts it again on the same database and port, as a deploy or a crash and restart
    /// would: open pages lose their circuit, cookies stay valid (the keys are in the database).
    /// </summary>
    public async Task RestartAsync()
    {
        var port = new Uri(BaseUrl).Port;
        await factory!.DisposeAsync();
        SqliteConnection.ClearAllPools();
        (factory, _) = Serve(Settings, port, logs);
    }

    /// <summary>
    /// Starts the wiki on Kestrel with the tests' settings and these (on a free port unless told), its log
    /// going to <paramref name="logging"/> as well when given; returns it and its address.
    /// </summary>
    public static (WebApplicationFactory<Program> Factory, string BaseUrl) Serve(IReadOnlyDictionary<string, string> settings, int port = 0, ILoggerProvider? logging = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            if (logging is not null)
            {
                // The circuit's own story (events dispatched, navigations asked for) reaches this provider only: a step that
                // did not lead on can then say whether the server heard the click and asked the browser to navigate.
                builder.ConfigureLogging(log => log.AddProvider(logging)
                    .AddFilter<ServerLogs>("Microsoft.AspNetCore.Components.Server", LogLevel.Debug)
                    .AddFilter<ServerLogs>("Microsoft.AspNetCore.Components.RenderTree", LogLevel.Debug));
            }
            // Outside Development the build output's static files (CSS, scripts) are only served when asked for.
            builder.UseStaticWebAssets();
            builder.UseSetting("Admin:Email", AdminEmail);
            builder.UseSetting("Admin:Password", AdminPassword);
            // Each test signs in afresh; the limit itself is tested over HTTP.
            builder.UseSetting("RateLimits:SignInPerMinute", "1000");
            builder.UseSetting("RateLimits:WritesPerMinute", "100000");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return (factory, addresses.Addresses.First().TrimEnd('/') + "/");
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
        });
        var page = await context.NewPageAsync();
        BrowserLog.Watch(page);
        return page;
    }

    /// <summary>A page signed in as a researcher of program 1 with this e-mail (the account is made the first time), named by the e-mail's local part.</summary>
    public async Task<IPage> SignedInResearcherAsync(string email, string password)
    {
        var admin = Services.GetRequiredService<UserAdministration>();
        if (!(await admin.ListAsync()).Any(u => u.Email == email))
        {
            await admin.AddUserAsync(UserAdministration.CommandLine.Id, email, email.Split('@')[0], Roles.Researcher, 1, null, password);
        }
        var page = await NewPageAsync();
        await PageActions.SignInAsync(page, email, password);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
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
