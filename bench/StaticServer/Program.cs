using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

// dotnet StaticServer.dll FOLDER --urls http://127.0.0.1:PORT
// Kestrel and the static-file middleware only (ETag, Last-Modified, range), the way an ASP.NET Core app
// serves a file from wwwroot: the yardstick a cached page is compared with.
if (args.Length < 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: StaticServer FOLDER --urls URL");
    return 2;
}
var builder = WebApplication.CreateSlimBuilder(args[1..]);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetFullPath(args[0])) });
await app.RunAsync();
return 0;
