using Promisingness.Web.CommandLine;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Backup;
using Promisingness.Web.Setup;

var isCommand = WikiCommandLine.IsCommand(args);
// A verb's own arguments are not configuration: only a plain start passes them to the host.
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);
if (isCommand)
{
    // A verb's output is its own report; only warnings and errors from the framework belong beside it.
    builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]);
}
// Exporting the static site reads the pages as a visitor would, from this process serving on a loopback port.
var servesForCommand = isCommand && WikiCommandLine.NeedsServer(args);
if (servesForCommand)
{
    builder.WebHost.UseUrls("http://127.0.0.1:0");
}
builder.AddWikiServices();

var app = builder.Build();
if (!isCommand || WikiCommandLine.NeedsMigratedDatabase(args))
{
    await DatabaseSetup.MigrateAsync(app.Services);
}
if (isCommand)
{
    if (servesForCommand)
    {
        app.UseWikiPipeline();
        await app.StartAsync();
    }
    var exit = await WikiCommandLine.RunAsync(app.Services, args, Console.Out, Console.Error);
    if (servesForCommand)
    {
        await app.StopAsync();
    }
    return exit;
}

// Held while serving, so that a restore refuses to replace the database under a running wiki (SQLite's file;
// on PostgreSQL there is no file and several instances share the server).
using var serving = app.Services.GetRequiredService<DatabaseChoice>().Provider == DatabaseProvider.Sqlite
    ? ServingLock.TryAcquire(app.Services.GetRequiredService<DatabaseBackup>().DatabasePath)
    : null;
await app.Services.GetRequiredService<FirstRun>().EnsureAsync(Console.Out);
app.UseWikiPipeline();
await app.RunAsync();
return 0;
