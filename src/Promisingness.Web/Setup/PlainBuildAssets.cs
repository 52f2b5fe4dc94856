namespace Promisingness.Web.Setup;

internal static class PlainBuildAssets
{
    /// <summary>
    /// A build's output (not a published app) keeps its static files where they were built from: the source tree and
    /// the NuGet cache, listed in a runtime manifest that the framework reads only in Development. Started from a build
    /// in Production, as a service unit might, member pages would get a 500 for blazor.web.js and MudBlazor's files;
    /// reading the manifest there too serves them. A published app has no such manifest and serves its own copies.
    /// </summary>
    public static void ServeStaticAssetsOfAPlainBuild(this WebApplicationBuilder builder)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json");
        if (!builder.Environment.IsDevelopment() && File.Exists(manifest))
        {
            builder.WebHost.UseStaticWebAssets();
        }
    }
}
