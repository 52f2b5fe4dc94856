using Promisingness.Web.Data;
using Promisingness.Web.Features.Backup;

namespace Promisingness.Web.Setup;

/// <summary>The wiki as a web server: its services, a migrated database, the first admin, the pipeline.</summary>
internal static class WikiHost
{
    /// <summary>Serves until the host is stopped; the command line's arguments are the host's configuration.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
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
    }
}
