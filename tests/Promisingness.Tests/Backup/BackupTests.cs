using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.CommandLine;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Backup;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;
using Xunit.Abstractions;

namespace Promisingness.Tests.Backup;

/// <summary>backup FILE while the wiki serves writes, restore FILE into a stopped one, and the admin's download.</summary>
public sealed class BackupTests(ITestOutputHelper output) : MentorAppTest
{
    private readonly string folder = Directory.CreateTempSubdirectory("promisingness-backup").FullName;

    private async Task<(int Exit, string Output, string Error)> VerbAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await WikiCommandLine.RunAsync(App.Services, args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<SaveResult.Saved> CreatePageAsync(string title, string body) =>
        Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page, new EntryInput(title, body, Visibility.Team, null, "backup test")));

    private static async Task<List<string>> RevisionsIn(string databasePath)
    {
        await using var connection = new SqliteConnection($"DataSource={databasePath};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT e.Slug || '#' || r.Number || ':' || r.BodyMarkdown FROM Revisions r JOIN Entries e ON e.Id = r.EntryId ORDER BY e.Slug, r.Number";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    [Fact]
    public async Task Backup_WhileServing_ThenRestoreIntoAStoppedWiki_GivesBackEveryRevision()
    {
        await CreatePageAsync("Written before the backup", "This text must come back.");
        var backupFile = Path.Combine(folder, "wiki-backup.db");

        var (exit, stdout, _) = await VerbAsync("backup", backupFile);

        Assert.Equal(0, exit);
        Assert.Contains("integrity_check ok", stdout);
        Assert.Equal("ok", DatabaseBackup.IntegrityCheck(backupFile));
        Assert.False(File.Exists(backupFile + "-wal"), "a backup is one file, not a WAL database");
        var expected = await RevisionsIn(App.DatabasePath);

        var restoredPath = Path.Combine(folder, "restored", "wiki.db");
        Directory.CreateDirectory(Path.GetDirectoryName(restoredPath)!);
        var restore = await WikiProcess.RunAsync(restoredPath, "restore", backupFile);

        Assert.True(restore.Exit == 0, restore.Error);
        Assert.Contains("integrity_check ok", restore.Output);
        Assert.Equal(expected, await RevisionsIn(restoredPath));
        using var restored = new WikiApp(seed: false, databasePath: restoredPath);
        using var client = Members.Client(restored);
        using var db = restored.CreateDbContext();
        Assert.Contains(await db.Entries.Select(e => e.Title).ToListAsync(), t => t == "Written before the backup");
        Assert.Contains(await db.Activities.Select(a => a.Action).ToListAsync(), a => a == AuditActions.Restored);
        await Members.SignInAsync(restored, WikiApp.AdminEmail, WikiApp.AdminPassword);
    }

    [Fact]
    public async Task Backup_UnderWriteLoad_OpensPassesIntegrityCheckAndHoldsEveryAcknowledgedSave()
    {
        using var stop = new CancellationTokenSource();
        var acknowledged = 0;
        // Two writers, as two members saving at once.
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await CreatePageAsync($"Load page {w}-{i}", $"Saved while backups run, number {i} of writer {w}.");
                Interlocked.Increment(ref acknowledged);
            }
        })).ToList();

        var backups = 0;
        var timer = Stopwatch.StartNew();
        // At least 20 backups, and on until the writers have saved more pages than there were backups (within
        // 30 s): on a loaded machine the writers' threads can wait while 20 backups take a quarter of a second.
        for (; backups < 20 || (Volatile.Read(ref acknowledged) <= backups && timer.Elapsed < TimeSpan.FromSeconds(30)); backups++)
        {
            var acknowledgedBefore = Volatile.Read(ref acknowledged);
            var file = Path.Combine(folder, $"under-load-{backups}.db");
            var result = await App.Get<DatabaseBackup>().WriteAsync(file, UserAdministration.CommandLine);

            Assert.Equal("ok", DatabaseBackup.IntegrityCheck(file));
            var loadPages = (await RevisionsIn(file)).Count(r => r.StartsWith("load-page-", StringComparison.Ordinal));
            Assert.True(loadPages >= acknowledgedBefore, $"backup {backups} holds {loadPages} load pages, but {acknowledgedBefore} were acknowledged before it began");
            output.WriteLine($"backup {backups}: {result}; {acknowledgedBefore} saves acknowledged before it, {loadPages} in it");
        }
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        output.WriteLine($"{backups} backups in {timer.ElapsedMilliseconds} ms while {acknowledged} pages were saved");
        Assert.True(acknowledged > backups, "the writer was saving while the backups ran");
    }

    [Fact]
    public async Task Restore_WhileTheWikiServesTheDatabase_IsRefusedAndChangesNothing()
    {
        var backupFile = Path.Combine(folder, "good.db");
        await App.Get<DatabaseBackup>().WriteAsync(backupFile, UserAdministration.CommandLine);
        await CreatePageAsync("After the backup", "Must survive a refused restore.");
        var before = await RevisionsIn(App.DatabasePath);

        var refusal = await Assert.ThrowsAsync<BackupException>(() => App.Get<DatabaseBackup>().RestoreAsync(backupFile));

        Assert.Contains("The wiki is running", refusal.Message);
        Assert.Equal(before, await RevisionsIn(App.DatabasePath));
    }

    public static TheoryData<string, string> BadBackups => new()
    {
        { "text", "is not a SQLite database" },
        { "truncated", "is not a SQLite database" },
        { "corrupt", "is damaged" },
        { "other-database", "not a backup of this wiki" },
    };

    [Theory]
    [MemberData(nameof(BadBackups))]
    public async Task Restore_OfABadFile_IsRefusedWithAClearMessageAndChangesNothing(string kind, string message)
    {
        var file = Path.Combine(folder, kind + ".db");
        await WriteBadBackupAsync(kind, file);
        var target = Path.Combine(folder, "target", "wiki.db");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        var (exit, _, error) = await WikiProcess.RunAsync(target, "restore", file);

        Assert.Equal(1, exit);
        Assert.Contains(message, error);
        Assert.Contains("Nothing was restored", error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(target), "a refused restore created the database");
    }

    private async Task WriteBadBackupAsync(string kind, string file)
    {
        switch (kind)
        {
            case "text":
                await File.WriteAllTextAsync(file, "This is a README, not a database.\n" + new string('x', 5000));
                break;
            case "truncated":
                await App.Get<DatabaseBackup>().WriteAsync(file, UserAdministration.CommandLine);
                var bytes = await File.ReadAllBytesAsync(file);
                // The header survives, but it is mangled to claim a page size SQLite does not know.
                bytes[16] = 0x12;
                bytes[17] = 0x34;
                await File.WriteAllBytesAsync(file, bytes[..8192]);
                break;
            case "corrupt":
                await App.Get<DatabaseBackup>().WriteAsync(file, UserAdministration.CommandLine);
                var pages = await File.ReadAllBytesAsync(file);
                // Scribble over the middle of the file: b-tree pages whose cells no longer add up.
                for (var i = pages.Length / 3; i < pages.Length / 3 + 20_000 && i < pages.Length; i += 7)
                {
                    pages[i] ^= 0x5A;
                }
                await File.WriteAllBytesAsync(file, pages);
                break;
            default:
                await using (var other = new SqliteConnection($"DataSource={file};Pooling=False"))
                {
                    await other.OpenAsync();
                    await using var command = other.CreateCommand();
                    command.CommandText = "CREATE TABLE Recipes (Id INTEGER PRIMARY KEY, Name TEXT); INSERT INTO Recipes (Name) VALUES ('soup');";
                    await command.ExecuteNonQueryAsync();
                }
                break;
        }
    }

    [Fact]
    public async Task Download_AsAdmin_IsACheckedSqliteFileThatIsNeverCachedAndIsAudited()
    {
        var admin = await Members.SignInAsync(App, WikiApp.AdminEmail, WikiApp.AdminPassword);

        using var response = await admin.GetAsync(BackupEndpoints.Route);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.sqlite3", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.EndsWith(".db", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var file = Path.Combine(folder, "downloaded.db");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("ok", DatabaseBackup.IntegrityCheck(file));
        Assert.Equal(await RevisionsIn(App.DatabasePath), await RevisionsIn(file));
        Assert.Contains((await App.Get<AuditLog>().PageAsync(await App.AdminIdAsync()))!.Rows, row => row.Action == AuditActions.BackupTaken && row.ActorName == "Administrator");
    }

    [Theory]
    [InlineData("anonymous", "/Account/Login")]
    [InlineData("researcher", "/Account/AccessDenied")]
    [InlineData("mentor", "/Account/AccessDenied")]
    public async Task Download_AsAnyoneButAnAdmin_IsRefused(string actor, string redirectedTo)
    {
        if (actor == "researcher")
        {
            await Members.AddAsync(App, "backup-researcher@test.local", Roles.Researcher, Members.Aisc);
        }
        var client = actor switch
        {
            "researcher" => await Members.SignInAsync(App, "backup-researcher@test.local"),
            "mentor" => await Members.SignInAsync(App, "mentor-backuptests@test.local"),
            _ => Members.Client(App),
        };

        using var response = await client.GetAsync(BackupEndpoints.Route);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(redirectedTo, response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.ToString());
        Assert.NotEqual("application/vnd.sqlite3", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Download_ByAnAdminDemotedSinceSigningIn_IsForbidden()
    {
        var id = await Members.AddAsync(App, "former-admin@test.local", Roles.Admin);
        var client = await Members.SignInAsync(App, "former-admin@test.local");
        await App.Get<UserAdministration>().ChangeRoleAsync(UserAdministration.CommandLine.Id, id, Roles.Researcher, Members.Aisc);

        using var response = await client.GetAsync(BackupEndpoints.Route);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("application/vnd.sqlite3", response.Content.Headers.ContentType?.MediaType);
    }
}
