using Microsoft.AspNetCore.Components.Server.Circuits;
using Promisingness.Web.Features.Entries;

namespace Promisingness.Web.Features.Editing;

internal static class EditingServices
{
    public static IServiceCollection AddWikiEditing(this IServiceCollection services) => services
        .AddSingleton<EditingPresence>()
        .AddScoped<EditorConnection>()
        .AddScoped<CircuitHandler>(services => services.GetRequiredService<EditorConnection>())
        .AddSingleton<EntryHistory>();
}
