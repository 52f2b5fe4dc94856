using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;
using Promisingness.Web.Setup;

namespace Promisingness.CrashTest;

/// <summary>
/// The wiki as it runs in production (the same AddWikiServices and UseWikiPipeline, serving HTTP on a
/// loopback port), plus writers that save through EntryEditor, the service the editor page calls. A save
/// is acknowledged by one line on standard output, written only after EntryEditor returned Saved, which
/// is after its transaction committed. The driver kills this process at random moments.
/// </summary>
internal static class Worker
{
    public const string Verb = "worker";
    public const string Ack = "ACK";
    private const string AuthorEmail = "writer@crash.local";

    public static async Task<int> RunAsync(string[] args)
    {
        var databasePath = args[0];
        var writers = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = Path.GetDirectoryName(databasePath),
            // The static asset manifest and component discovery are named after the web app.
            ApplicationName = typeof(WikiServices).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Wiki"] = $"DataSource={databasePath}",
            ["Admin:Email"] = "admin@crash.local",
            ["Admin:Password"] = "crash test admin passphrase",
            ["Logging:LogLevel:Default"] = "Warning",
            ["RateLimits:WritesPerMinute"] = "1000000",
            ["urls"] = "http://127.0.0.1:0",
        });
        builder.AddWikiServices();
        var app = builder.Build();
        await DatabaseSetup.MigrateAsync(app.Services);
        await app.Services.GetRequiredService<FirstRun>().EnsureAsync(TextWriter.Null);
        app.UseWikiPipeline();
        await app.StartAsync();

        var author = await AuthorAsync(app.Services);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(app.Services, author, w))));
        return 0;
    }

    private static async Task<string> AuthorAsync(IServiceProvider services)
    {
        var admin = services.GetRequiredService<UserAdministration>();
        var existing = (await admin.ListAsync()).FirstOrDefault(u => u.Email == AuthorEmail);
        return existing?.Id ?? (await admin.AddUserAsync(UserAdministration.CommandLine.Id, AuthorEmail, "Crash Writer", Roles.Mentor, null, null, "crash test writer passphrase")).Id;
    }

    /// <summary>Saves revisions of the writer's own page, and every fourth time creates a new page, until killed.</summary>
    private static async Task WriteAsync(IServiceProvider services, string author, int writer)
    {
        var editor = services.GetRequiredService<EntryEditor>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<WikiDbContext>>();
        var random = new Random();
        var ownTitle = $"Crash writer {writer}";
        for (var n = 0; ; n++)
        {
            var token = Guid.NewGuid().ToString("N");
            var body = $"Save {n} of writer {writer}, token {token}.\n\n" + string.Concat(Enumerable.Repeat("Filler so that a save spans several pages of the database. ", random.Next(0, 300)));
            SaveResult result;
            if (n % 4 == 3)
            {
                result = await editor.CreateAsync(author, EntryKind.Page, new EntryInput($"Crash page {token}", body, Visibility.Team, null, "crash test"));
            }
            else
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                var own = await db.Entries.AsNoTracking().Where(e => e.Title == ownTitle).Select(e => new { e.Id, e.RevisionNumber }).FirstOrDefaultAsync();
                var input = new EntryInput(ownTitle, body, Visibility.Team, null, $"save {n}");
                result = own is null ? await editor.CreateAsync(author, EntryKind.Page, input) : await editor.SaveAsync(author, own.Id, own.RevisionNumber, input);
            }
            Console.WriteLine(result is SaveResult.Saved saved ? $"{Ack} {saved.Slug} {saved.RevisionNumber} {token}" : $"NOT-SAVED {result}");
        }
    }
}
