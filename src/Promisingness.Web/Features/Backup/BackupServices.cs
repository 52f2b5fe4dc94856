namespace Promisingness.Web.Features.Backup;

internal static class BackupServices
{
    public static IServiceCollection AddWikiBackup(this IServiceCollection services) => services
        .AddSingleton<DatabaseBackup>();
}
