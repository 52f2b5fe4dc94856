using BareBlazor;

// dotnet BareBlazor.dll --urls http://127.0.0.1:PORT
// The template's pipeline for statically rendered pages, without HTTPS and static assets: no database, no
// authentication, no output cache. Its one page is what the framework costs before an application's own work.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddRazorComponents();
var app = builder.Build();
app.UseAntiforgery();
app.MapRazorComponents<App>();
await app.RunAsync();
