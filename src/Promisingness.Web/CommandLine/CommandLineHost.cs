using Promisingness.Web.Data;
using Promisingness.Web.Setup;

namespace Promisingness.Web.CommandLine;

/// <summary>
/// Answers help and a word that is not a verb, and runs a verb in a host of its own: the wiki's services, a
/// migrated database, no web server (except for the static-site export, which reads the pages from itself on a
/// loopback port). Whatever goes wrong ends in one line on standard error and a non-zero exit, never a stack trace.
/// </summary>
internal static class CommandLineHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (WikiCommandLine.Classify(args))
        {
            case CommandLineKind.Help:
                Console.WriteLine(WikiCommandLine.Usage);
                return 0;
            case CommandLineKind.UnknownVerb:
                Console.Error.WriteLine(WikiCommandLine.UnknownVerb(args[0]));
                return 2;
        }
        try
        {
            // A verb's own arguments are not configuration: only a plain start passes them to the host.
            var builder = WebApplication.CreateBuilder([]);
            // A verb's output is its own report; only warnings and errors from the framework belong beside it.
            builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]);
            var servesForCommand = WikiCommandLine.NeedsServer(args);
            if (servesForCommand)
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
            }
            builder.AddWikiServices();

            await using var app = builder.Build();
            if (WikiCommandLine.NeedsMigratedDatabase(args))
            {
                await DatabaseSetup.MigrateAsync(app.Services);
            }
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
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"{args[0]} failed: {OneLine(e)}");
            return 1;
        }
    }

    private static string OneLine(Exception e)
    {
        var innermost = e.GetBaseException();
        var message = innermost.Message.ReplaceLineEndings(" ").Trim();
        return innermost == e ? message : $"{e.Message.ReplaceLineEndings(" ").Trim()} ({message})";
    }
}
