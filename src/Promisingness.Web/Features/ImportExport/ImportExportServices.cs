namespace Promisingness.Web.Features.ImportExport;

internal static class ImportExportServices
{
    public static IServiceCollection AddWikiImportExport(this IServiceCollection services) => services
        .AddSingleton<ReadmeImporter>()
        .AddSingleton<ReadmeExporter>()
        .AddSingleton<JsonArchive>();
}
