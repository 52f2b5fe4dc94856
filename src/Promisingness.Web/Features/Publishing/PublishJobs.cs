using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Publishing;

public enum PublishKind { Readme, Archive, Site }

public sealed record PublishedFile(string Name, long Bytes, DateTimeOffset At);

/// <summary>
/// What admins run from /admin/publish: the README, the whole archive, or the static site as a zip, written
/// to a folder of the server's and offered for download. Only admins may run or download them.
/// </summary>
public sealed partial class PublishJobs(
    ReadmeExporter readme,
    JsonArchive archive,
    SiteExporter site,
    IServer server,
    IHttpClientFactory httpFactory,
    IDbContextFactory<WikiDbContext> dbFactory,
    Audit audit,
    WikiUsers users,
    TimeProvider clock)
{
    private const int Kept = 10;

    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "promisingness-publish");

    [GeneratedRegex(@"^\d{8}-\d{6}-(readme\.md|archive\.json|site\.zip)$")]
    private static partial Regex FileName();

    public async Task<PublishedFile> RunAsync(string userId, PublishKind kind, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var user = await users.LoadAsync(userId, cancellationToken);
        if (user is not { IsAdmin: true, Locked: false })
        {
            throw new UnauthorizedAccessException("Only an admin can publish.");
        }
        Directory.CreateDirectory(Folder);
        var now = clock.GetUtcNow();
        var name = $"{now:yyyyMMdd-HHmmss}-{kind switch { PublishKind.Readme => "readme.md", PublishKind.Archive => "archive.json", _ => "site.zip" }}";
        var path = Path.Combine(Folder, name);
        var partial = path + ".partial";
        switch (kind)
        {
            case PublishKind.Readme:
                progress?.Report("Writing the README…");
                await File.WriteAllTextAsync(partial, await readme.ExportAsync(cancellationToken), cancellationToken);
                break;
            case PublishKind.Archive:
                progress?.Report("Writing every entry, revision, discussion and account…");
                await using (var file = File.Create(partial))
                {
                    await archive.WriteAsync(file, cancellationToken);
                }
                break;
            default:
                await BuildSiteAsync(partial, progress, cancellationToken);
                break;
        }
        File.Move(partial, path, overwrite: true);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            audit.Add(db, user, AuditActions.Exported, $"{kind} published from /admin/publish as {name}");
            await db.SaveChangesAsync(cancellationToken);
        }
        foreach (var old in Files().Skip(Kept))
        {
            File.Delete(Path.Combine(Folder, old.Name));
        }
        return new PublishedFile(name, new FileInfo(path).Length, now);
    }

    public static IReadOnlyList<PublishedFile> Files() => !Directory.Exists(Folder) ? [] :
        [.. new DirectoryInfo(Folder).EnumerateFiles()
            .Where(f => FileName().IsMatch(f.Name))
            .OrderByDescending(f => f.Name, StringComparer.Ordinal)
            .Select(f => new PublishedFile(f.Name, f.Length, f.LastWriteTimeUtc))];

    /// <summary>The path of a published file by its name, or null for any other name (no path tricks).</summary>
    public static string? PathOf(string name) =>
        FileName().IsMatch(name) && File.Exists(Path.Combine(Folder, name)) ? Path.Combine(Folder, name) : null;

    private async Task BuildSiteAsync(string zipPath, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server's address is unknown, so its pages cannot be read.");
        var folder = Directory.CreateTempSubdirectory("promisingness-site").FullName;
        try
        {
            using var http = httpFactory.CreateClient();
            // A wildcard address (http://[::]:8080) is reached through the loopback interface.
            http.BaseAddress = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal).Replace("*", "localhost", StringComparison.Ordinal) + "/");
            var pages = new Progress<SiteExporter.Progress>(p => progress?.Report($"Reading {p.Done} of {p.Known} pages: /{p.Current}"));
            await site.ExportAsync(http, folder, pages, cancellationToken);
            progress?.Report("Packing the site…");
            ZipFile.CreateFromDirectory(folder, zipPath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
