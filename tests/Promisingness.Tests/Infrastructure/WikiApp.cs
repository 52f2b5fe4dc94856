using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Promisingness.Web.Data;

namespace Promisingness.Tests.Infrastructure;

/// <summary>The real app on a fresh SQLite file of its own, with migrations applied and (unless told otherwise) the seed imported.</summary>
public sealed class WikiApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "correct horse battery staple";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "promisingness-tests", Guid.NewGuid().ToString("N"));

    private readonly IReadOnlyDictionary<string, string> settings;

    private readonly bool dropsDatabase;
    private readonly Action<IServiceCollection>? services;
    private readonly bool fullPasswordHashing;

    /// <summary>The PBKDF2 iterations of passwords hashed in tests, unless a test asks for the wiki's own count.</summary>
    private const int TestIterationCount = 1_000;

    // services: added to the app's services, for faults injected below our code (a full disk).
    // firstRun: on SQLite, the app migrates a new file and creates the admin itself, instead of starting on a copy
    // of the test run's template (what a test of the first start needs; a databasePath given is never replaced).
    // fullPasswordHashing: passwords are hashed with the wiki's PBKDF2 iteration count, not TestIterationCount.
    internal WikiApp(bool seed = true, string? databasePath = null, IReadOnlyDictionary<string, string>? settings = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite, string? postgresDatabase = null, Action<IServiceCollection>? services = null,
        bool firstRun = false, bool fullPasswordHashing = false)
    {
        Directory.CreateDirectory(folder);
        Seed = seed;
        Provider = provider;
        DatabasePath = databasePath ?? Path.Combine(folder, "wiki.db");
        // On PostgreSQL: a database of its own (dropped at the end), or the one given (a template being made).
        dropsDatabase = provider == DatabaseProvider.Postgres && postgresDatabase is null;
        ConnectionString = provider != DatabaseProvider.Postgres ? $"DataSource={DatabasePath}" : postgresDatabase ?? TestPostgres.CreateDatabase(seed);
        if (provider == DatabaseProvider.Sqlite && databasePath is null && !firstRun)
        {
            TestSqlite.CopyTemplate(seed, DatabasePath);
        }
        this.settings = settings ?? new Dictionary<string, string>();
        this.services = services;
        this.fullPasswordHashing = fullPasswordHashing;
    }

    /// <summary>A fresh app on <paramref name="provider"/> (PostgreSQL: a new database on the TEST_POSTGRES server).</summary>
    public static WikiApp On(DatabaseProvider provider, bool seed = true) => new(seed, provider: provider);

    /// <summary>The app with the seed imported (the form IClassFixture needs).</summary>
    public WikiApp() : this(seed: true)
    {
    }

    public bool Seed { get; }
    public string DatabasePath { get; }
    public DatabaseProvider Provider { get; }

    /// <summary>The SQLite file's (DatabasePath) or the PostgreSQL database's.</summary>
    public string ConnectionString { get; }

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public WikiDbContext CreateDbContext() => Services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContext();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The id of the admin account the app creates from its configuration (AdminEmail).</summary>
    public async Task<string> AdminIdAsync()
    {
        await using var db = CreateDbContext();
        return await db.Users.Where(u => u.Email == AdminEmail).Select(u => u.Id).SingleAsync();
    }

    /// <summary>Everything the app logged, for the test that no secret reaches the logs.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>
    /// Serves the app on real Kestrel at a loopback port instead of the in-memory test server, for what
    /// only Kestrel does (request body limits). Call before anything else touches the app.
    /// </summary>
    public Uri StartKestrel()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new Uri(addresses.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        // Outside Development the build output's static files (CSS, scripts) are only served when asked for.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Wiki", ConnectionString);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Admin:Email", AdminEmail);
        // Mail without an SMTP server is written as files: into this app's folder, never the source tree (on PostgreSQL
        // there is no database file to put them beside, and the content root is the project's folder).
        builder.UseSetting("Mail:OutboxFolder", Path.Combine(folder, "outbox"));
        builder.UseSetting("Admin:Password", AdminPassword);
        builder.UseSetting("Seed:Skip", Seed ? "false" : "true");
        // Tests save quickly on purpose; the limit itself is tested with a low setting.
        builder.UseSetting("RateLimits:WritesPerMinute", "100000");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (!fullPasswordHashing)
        {
            // The wiki's 210,000 PBKDF2 iterations cost ~0.14 s a hash, and the tests hash ~1,400 times (accounts they
            // add, sign-ins): ~40% of the run on 2 cores. The tests of the hashing itself ask for the wiki's count.
            builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(options => options.IterationCount = TestIterationCount));
        }
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (dropsDatabase)
        {
            TestPostgres.DropDatabase(ConnectionString);
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background task; the temp folder is cleaned by the OS.
        }
    }
}
