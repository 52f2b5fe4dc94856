using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Features.ImportExport.Readme;
using Promisingness.Web.Features.Publishing;
using Promisingness.Web.Security;

namespace Promisingness.Web.CommandLine;

/// <summary>The verbs the same executable takes besides serving: import, export, backup, restore, users and tokens.</summary>
internal static class WikiCommandLine
{
    private static readonly string[] Verbs = ["import", "export", "backup", "restore", "users", "tokens", "help"];
    private static readonly string[] HelpWords = ["help", "--help", "-h", "-?", "/?"];

    public const string Usage = """
        Usage:
          Promisingness.Web                                  serve the wiki (takes the usual ASP.NET Core options, e.g. --urls)
          Promisingness.Web import FILE [--author NAME] [--date ISO-8601] [--message TEXT]
                                                             import a README in the seed's format
          Promisingness.Web import --json FILE               restore everything from an archive into an empty database
          Promisingness.Web export --readme FILE             write the published wiki as a README
          Promisingness.Web export --site DIR                write everything public as a static HTML site (for GitHub Pages)
          Promisingness.Web export --json FILE               write everything (entries, revisions, discussion, reviews, members, accounts) as JSON
          Promisingness.Web backup FILE                      write an online backup (SQLite backup API) while the wiki serves
          Promisingness.Web restore FILE                     put a backup in place of the database (stop the wiki first)
          Promisingness.Web users add --email E --name N --program P --role R [--password X]
          Promisingness.Web users list
          Promisingness.Web users lock --email E
          Promisingness.Web users invite --email E --role R [--program P]
                                                             queue an invitation by mail, and print its link
          Promisingness.Web users reset --email E            queue a link to choose a new password, and print it
          Promisingness.Web tokens create --email E --name N --scope read|comment|suggest|write [--assistant NAME] [--days D]
                                                             make a personal access token for the API (printed once)
          Promisingness.Web tokens list --email E
          Promisingness.Web tokens revoke --id ID
          Promisingness.Web help                             show this
        """;

    /// <summary>
    /// What a command line asks for. A first argument that is neither a verb nor a host option (--urls, --environment,
    /// key=value) is a mistake: starting a server instead would leave a script that called a verb hanging for ever.
    /// </summary>
    public static CommandLineKind Classify(string[] args) =>
        args.Length == 0 ? CommandLineKind.Serve
        : HelpWords.Contains(args[0], StringComparer.OrdinalIgnoreCase) ? CommandLineKind.Help
        : Verbs.Contains(args[0], StringComparer.OrdinalIgnoreCase) ? CommandLineKind.Verb
        : args[0].StartsWith('-') || args[0].Contains('=') ? CommandLineKind.Serve
        : CommandLineKind.UnknownVerb;

    public static string UnknownVerb(string word) =>
        $"'{word}' is not a verb of this wiki. The verbs are {string.Join(", ", Verbs)}; run 'Promisingness.Web help' for their arguments.";

    /// <summary>The verbs that read pages over HTTP from the wiki itself.</summary>
    public static bool NeedsServer(string[] args) =>
        args.Length == 3 && args[0].Equals("export", StringComparison.OrdinalIgnoreCase) && args[1].Equals("--site", StringComparison.OrdinalIgnoreCase);

    /// <summary>Restore replaces a database that may be damaged: migrating it first could fail, so restore migrates afterwards.</summary>
    public static bool NeedsMigratedDatabase(string[] args) => !(args.Length > 0 && args[0].Equals("restore", StringComparison.OrdinalIgnoreCase));

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        using var origin = ActionOrigin.Use(ActionOrigin.CommandLine);
        try
        {
            return args[0].ToLowerInvariant() switch
            {
                "import" => await ImportAsync(services, args[1..], output, error),
                "export" => await ExportAsync(services, args[1..], output, error),
                "backup" => await BackupCommands.BackupAsync(services, args[1..], output, error),
                "restore" => await BackupCommands.RestoreAsync(services, args[1..], output, error),
                "users" => await UserCommands.RunAsync(services, args[1..], output, error),
                "tokens" => await TokenCommands.RunAsync(services, args[1..], output, error),
                _ => Help(output),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"{e.Message} Run 'Promisingness.Web help' for the usage.");
            return 2;
        }
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var (positional, options) = Arguments.Parse(args, "--author", "--date", "--message", "--json");
        if (options.TryGetValue("--json", out var archivePath))
        {
            return positional.Count == 0 ? await RestoreArchiveAsync(services, archivePath, output, error) : throw new UsageException("import --json takes only the archive FILE.");
        }
        if (positional.Count != 1)
        {
            throw new UsageException("import takes exactly one FILE.");
        }
        DateTimeOffset? date = null;
        if (options.TryGetValue("--date", out var dateText))
        {
            if (!DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw new UsageException($"--date '{dateText}' is not an ISO-8601 date, e.g. 2024-05-01 or 2024-05-01T12:00:00Z.");
            }
            date = parsed.ToUniversalTime();
        }
        var path = positional[0];
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"No such file: {Path.GetFullPath(path)}");
            return 1;
        }

        var importer = services.GetRequiredService<ReadmeImporter>();
        try
        {
            var readme = ReadmeText.Decode(await File.ReadAllBytesAsync(path));
            var result = await importer.ImportAsync(readme, options.GetValueOrDefault("--author"), date, options.GetValueOrDefault("--message"));
            foreach (var change in result.Changes)
            {
                await output.WriteLineAsync("  " + change);
            }
            await output.WriteLineAsync(result.ChangedAnything ? $"Imported {path}: {result}" : $"Imported {path}: nothing changed.");
            return 0;
        }
        catch (ReadmeFormatException e)
        {
            await error.WriteLineAsync($"{path}:{e.Line}: {e.Problem}");
            await error.WriteLineAsync("Nothing was imported; fix the line above and run the import again.");
            return 1;
        }
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var (positional, options) = Arguments.Parse(args, "--readme", "--json", "--site");
        if (positional.Count == 0 && options.Count == 1 && options.TryGetValue("--json", out var archivePath))
        {
            return await WriteArchiveAsync(services, archivePath, output, error);
        }
        if (positional.Count == 0 && options.Count == 1 && options.TryGetValue("--site", out var siteFolder))
        {
            return await WriteSiteAsync(services, siteFolder, output, error);
        }
        if (positional.Count > 0 || options.Count != 1 || !options.TryGetValue("--readme", out var path))
        {
            throw new UsageException("export needs --readme FILE, --json FILE or --site DIR.");
        }
        var readme = await services.GetRequiredService<ReadmeExporter>().ExportAsync();
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
            await File.WriteAllTextAsync(path, readme);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Could not write {path}: {e.Message}");
            return 1;
        }

        await AuditExportAsync(services, $"README exported to {Path.GetFileName(path)}");
        await output.WriteLineAsync($"Wrote {path} ({readme.Length:N0} characters).");
        if (ReadmeFileLinks.LinksTheWiki(readme))
        {
            await output.WriteLineAsync("Wiki:PublicUrl is not set, so the README's links to uploaded files stay /files/…, which only the wiki answers; set it to the wiki's address.");
        }
        return 0;
    }

    private static async Task<int> WriteArchiveAsync(IServiceProvider services, string path, TextWriter output, TextWriter error)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
            // Written beside the target and moved over it, so a failed export never leaves half a file.
            var partial = path + ".partial";
            await using (var file = File.Create(partial))
            {
                await services.GetRequiredService<JsonArchive>().WriteAsync(file);
            }
            File.Move(partial, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Could not write {path}: {e.Message}");
            return 1;
        }
        await AuditExportAsync(services, $"JSON archive exported to {Path.GetFileName(path)}");
        await output.WriteLineAsync($"Wrote {path} ({new FileInfo(path).Length:N0} bytes).");
        return 0;
    }

    private static async Task<int> WriteSiteAsync(IServiceProvider services, string folder, TextWriter output, TextWriter error)
    {
        var addresses = services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses;
        if (addresses?.FirstOrDefault() is not { } address)
        {
            await error.WriteLineAsync("The wiki is not serving, so its pages cannot be read for the site.");
            return 1;
        }
        try
        {
            using var http = services.GetRequiredService<IHttpClientFactory>().CreateClient();
            http.BaseAddress = new Uri(address + "/");
            var result = await services.GetRequiredService<SiteExporter>().ExportAsync(http, folder);
            await AuditExportAsync(services, $"Static site exported to {Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))}: {result.Pages} pages");
            await output.WriteLineAsync($"Wrote {result.Pages} pages and {result.Assets} files ({result.Bytes:N0} bytes) to {folder}.");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Could not write {folder}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RestoreArchiveAsync(IServiceProvider services, string path, TextWriter output, TextWriter error)
    {
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"No such file: {Path.GetFullPath(path)}");
            return 1;
        }
        try
        {
            await using var file = File.OpenRead(path);
            var restored = await services.GetRequiredService<JsonArchive>().RestoreAsync(file, UserAdministration.CommandLine, Path.GetFileName(path));
            await output.WriteLineAsync($"Restored {path}: {restored}.");
            return 0;
        }
        catch (ArchiveException e)
        {
            await error.WriteLineAsync($"{path}: {e.Message}");
            await error.WriteLineAsync("Nothing was restored.");
            return 1;
        }
    }

    /// <summary>An export writes files, not the database, so its row follows the files that were written.</summary>
    private static async Task AuditExportAsync(IServiceProvider services, string details)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync();
        services.GetRequiredService<Audit>().Add(db, UserAdministration.CommandLine, AuditActions.Exported, details);
        await db.SaveChangesAsync();
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return 0;
    }
}

internal enum CommandLineKind
{
    Serve,
    Verb,
    Help,
    UnknownVerb,
}
