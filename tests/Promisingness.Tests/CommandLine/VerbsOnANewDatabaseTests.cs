using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Promisingness.Tests.Infrastructure;

namespace Promisingness.Tests.CommandLine;

/// <summary>
/// The executable as an operator meets it before the wiki has ever served: each verb first thing on a database
/// file that does not exist yet, each verb with wrong arguments, and a mistyped verb. Whatever goes wrong is one
/// line on standard error and a non-zero exit, never a stack trace and never a server started instead.
/// </summary>
public sealed class VerbsOnANewDatabaseTests(VerbsOnANewDatabaseTests.Folder shared) : IClassFixture<VerbsOnANewDatabaseTests.Folder>
{
    /// <summary>The class's files. Wrong arguments change nothing, so their cases share one database instead of migrating one each.</summary>
    public sealed class Folder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("promisingness-verbs").FullName;

        public string SharedDatabase => System.IO.Path.Combine(Path, "shared.db");

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private readonly string folder = shared.Path;

    private string NewDatabase() => Path.Combine(folder, $"{Guid.NewGuid():N}.db");

    private static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("Unhandled exception", text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("warn:", text);
        Assert.DoesNotContain("fail:", text);
    }

    [Fact]
    public async Task EveryVerb_FirstThingOnANewDatabase_Works()
    {
        var database = NewDatabase();
        var restored = NewDatabase();
        string Here(string name) => Path.Combine(folder, name);

        (string[] Args, string Says)[] steps =
        [
            (["users", "add", "--email", "mentor@example.org", "--name", "Mia Mentor", "--role", "Mentor", "--password", "a long passphrase"], "Added mentor@example.org (Mentor)"),
            (["users", "add", "--email", "ann@example.org", "--name", "Ann", "--program", "MARS", "--role", "Researcher"], "Password (shown only now)"),
            (["users", "list"], "ann@example.org\tAnn\tResearcher\tMARS"),
            (["users", "lock", "--email", "ann@example.org"], "Locked ann@example.org"),
            (["users", "invite", "--email", "new@example.org", "--role", "Mentor"], "The link works once, for 7 days: http"),
            (["users", "reset", "--email", "mentor@example.org"], "The link, shown only now"),
            (["import", WikiApp.TestData("seed-README.md"), "--author", "Bogdan", "--date", "2024-05-01"], "16 created"),
            (["export", "--readme", Here("README.md")], "Wrote"),
            (["export", "--json", Here("wiki.json")], "Wrote"),
            (["backup", Here("backup.db")], "integrity_check ok"),
        ];
        foreach (var (args, says) in steps)
        {
            var (exit, output, error) = await WikiProcess.RunAsync(database, args);

            Assert.True(exit == 0, $"{string.Join(' ', args)} exited {exit}: {error}");
            Assert.Contains(says, output);
            AssertNoStackTrace(output + error);
        }

        var restore = await WikiProcess.RunAsync(restored, "restore", Here("backup.db"));
        var list = await WikiProcess.RunAsync(restored, "users", "list");
        var archive = await WikiProcess.RunAsync(NewDatabase(), "import", "--json", Here("wiki.json"));

        Assert.Equal(0, restore.Exit);
        Assert.Contains("ann@example.org", list.Output);
        Assert.True(archive.Exit == 0, archive.Error);
        AssertNoStackTrace(restore.Output + restore.Error + archive.Output + archive.Error);
    }

    /// <summary>A few cases in a process of their own; CommandLineTests runs every case in the test's process.</summary>
    [Theory]
    [InlineData("import")]
    [InlineData("import", "missing.md")]
    [InlineData("export", "--site")]
    [InlineData("restore", "missing.db")]
    [InlineData("users", "add", "--email", "x@example.org", "--name", "X", "--program", "MARS", "--password", "short")]
    [InlineData("users", "lock", "--email", "nobody@example.org")]
    [InlineData("users", "invite", "--email", "x@example.org", "--role", "Researcher")]
    public async Task Verb_WithWrongArguments_SaysWhatIsWrongInOneLine(params string[] args)
    {
        var (exit, output, error) = await WikiProcess.RunAsync(shared.SharedDatabase, args);

        Assert.NotEqual(0, exit);
        Assert.Single(error.TrimEnd().Split('\n'), line => line.Trim().Length > 0);
        AssertNoStackTrace(output + error);
    }

    [Theory]
    [InlineData("imprt", "README.md")]
    [InlineData("exprot", "--readme", "out.md")]
    [InlineData("user", "list")]
    [InlineData("backups", "b.db")]
    [InlineData("README.md")]
    public async Task MistypedVerb_IsRefusedWithTheVerbs_AndStartsNoServer(params string[] args)
    {
        var database = NewDatabase();
        var watch = Stopwatch.StartNew();

        var (exit, _, error) = await WikiProcess.RunAsync(database, args);

        Assert.Equal(2, exit);
        Assert.Contains($"'{args[0]}' is not a verb of this wiki. The verbs are import, export, backup, restore, users, tokens, help", error);
        Assert.False(File.Exists(database), "a mistyped verb touched the database");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_ListsEveryVerb_WithoutTouchingTheDatabase(string word)
    {
        var database = NewDatabase();

        var (exit, output, _) = await WikiProcess.RunAsync(database, word);

        Assert.Equal(0, exit);
        foreach (var verb in new[] { "import FILE", "export --readme", "backup FILE", "restore FILE", "users add", "users list", "users lock", "users invite", "users reset" })
        {
            Assert.Contains(verb, output);
        }
        Assert.False(File.Exists(database));
    }

    /// <summary>Started from a build's output in Production, as a service unit might: quiet, and its scripts and styles are served.</summary>
    [Fact]
    public async Task FirstStart_OfABuildInProduction_LogsNoWarning_AndServesTheScripts()
    {
        var database = NewDatabase();
        var port = FreePort();
        var info = WikiProcess.StartInfo(database, "--urls", $"http://127.0.0.1:{port}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info)!;
        var log = new System.Text.StringBuilder();
        var started = new TaskCompletionSource();
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (log)
            {
                log.AppendLine(line);
            }
            if (line.Contains("Application started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var assets = new List<HttpStatusCode>();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            foreach (var path in new[] { "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.css", "/_content/MudBlazor/MudBlazor.min.js" })
            {
                using var response = await http.GetAsync(path);
                assets.Add(response.StatusCode);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var text = log.ToString();
        Assert.Contains("Applying migration", text);
        Assert.Contains("First admin account created", text);
        Assert.DoesNotContain("warn:", text);
        Assert.DoesNotContain("fail:", text);
        Assert.DoesNotContain("crit:", text);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], assets);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
