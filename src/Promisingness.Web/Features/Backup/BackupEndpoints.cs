using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Backup;

/// <summary>GET /admin/backup: an admin downloads an online backup of the whole database.</summary>
public static class BackupEndpoints
{
    public const string Route = "/admin/backup";

    public static void MapBackupDownload(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Route, async (HttpContext context, DatabaseBackup backup, WikiUsers users, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            // The cookie's role can be a minute stale: a demoted or locked admin gets nothing.
            if (await users.LoadAsync(context.User, cancellationToken) is not { IsAdmin: true, Locked: false } admin)
            {
                return Results.Forbid();
            }
            if (!backup.Available)
            {
                return Results.Text(DatabaseBackup.NotOnPostgres, statusCode: StatusCodes.Status409Conflict);
            }
            var path = Path.Combine(Path.GetTempPath(), $"promisingness-backup-{Guid.NewGuid():N}.db");
            await backup.WriteAsync(path, admin, cancellationToken);
            // The file holds every account's password hash: never cached, and gone once sent.
            context.Response.Headers.CacheControl = "no-store";
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            return Results.File(file, "application/vnd.sqlite3", $"promisingness-wiki-{clock.GetUtcNow():yyyyMMdd-HHmmss}.db");
        }).RequireAuthorization(Policies.Admin);
}
