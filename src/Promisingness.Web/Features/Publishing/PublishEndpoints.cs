using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Publishing;

public static class PublishEndpoints
{
    /// <summary>Downloads of what /admin/publish wrote; admins only, checked here and not just by hiding the link.</summary>
    public static void MapPublishDownloads(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/admin/publish/files/{name}", (string name) =>
            PublishJobs.PathOf(name) is { } path
                ? Results.File(path, name.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/markdown", name)
                : Results.NotFound())
            .RequireAuthorization(Policies.Admin);
}
