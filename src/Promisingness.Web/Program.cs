using Promisingness.Web.CommandLine;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Backup;
using Promisingness.Web.Setup;

switch (WikiCommandLine.Classify(args))
{
    case CommandLineKind.Help:
        Console.WriteLine(WikiCommandLine.Usage);
        return 0;
    case CommandLineKind.UnknownVerb:
        Console.Error.WriteLine(WikiCommandLine.UnknownVerb(args[0]));
        return 2;
    case CommandLineKind.Verb:
        return await CommandLineHost.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.ServeStaticAssetsOfAPlainBuild();
builder.AddWikiServices();

var app = builder.Build();
await DatabaseSetup.MigrateAsync(app.Services);
// Held while serving, so that a restore refuses to replace the database under a running wiki (SQLite's file;
// on PostgreSQL there is no file and several instances share the server).
using var serving = app.Services.GetRequiredService<DatabaseChoice>().Provider == DatabaseProvider.Sqlite
    ? ServingLock.TryAcquire(app.Services.GetRequiredService<DatabaseBackup>().DatabasePath)
    : null;
await app.Services.GetRequiredService<FirstRun>().EnsureAsync(Console.Out);
app.UseWikiPipeline();
await app.RunAsync();
return 0;
