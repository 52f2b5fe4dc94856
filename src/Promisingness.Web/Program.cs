using Promisingness.Web.CommandLine;
using Promisingness.Web.Data;
using Promisingness.Web.Setup;

var isCommand = WikiCommandLine.IsCommand(args);
// A verb's own arguments are not configuration: only a plain start passes them to the host.
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);
if (isCommand)
{
    // A verb's output is its own report; only warnings and errors from the framework belong beside it.
    builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]);
}
builder.AddWikiServices();

var app = builder.Build();
await DatabaseSetup.MigrateAsync(app.Services);
if (isCommand)
{
    return await WikiCommandLine.RunAsync(app.Services, args, Console.Out, Console.Error);
}

await app.Services.GetRequiredService<FirstRun>().EnsureAsync(Console.Out);
app.UseWikiPipeline();
await app.RunAsync();
return 0;
