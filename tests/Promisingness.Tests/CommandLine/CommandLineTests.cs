using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;

namespace Promisingness.Tests.CommandLine;

/// <summary>The verbs, run through the same entry the executable uses, against the real app's services.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly WikiApp app = new(seed: false);
    private readonly string folder = Directory.CreateTempSubdirectory("promisingness-cli").FullName;

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => Verbs.RunAsync(app, args);

    [Fact]
    public async Task Import_Seed_ReportsWhatItCreated()
    {
        var (exit, output, _) = await RunAsync("import", WikiApp.TestData("seed-README.md"), "--author", "Bogdan", "--date", "2024-05-01", "--message", "First import");

        Assert.Equal(0, exit);
        Assert.Contains("16 created", output);
        using var db = app.CreateDbContext();
        var revision = await db.Revisions.FirstAsync();
        Assert.Equal(("Bogdan", "First import"), (revision.AuthorName, revision.EditNote));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), revision.CreatedAt);
    }

    [Fact]
    public async Task Import_UnsafeLink_NamesTheLineInOneLineAndChangesNothing()
    {
        var path = Path.Combine(folder, "broken.md");
        await File.WriteAllTextAsync(path, "# Title\nDescription\n\n## Notes\n[x](javascript:alert(1))\n");

        var (exit, _, error) = await RunAsync("import", path);

        Assert.Equal(1, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(path + ":5: the link \"javascript:alert(1)\" uses the scheme \"javascript:\"; only http, https and mailto links are allowed.", lines[0].TrimEnd());
        Assert.StartsWith("Nothing was imported", lines[1], StringComparison.Ordinal);
        using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Entries.CountAsync());
    }

    [Fact]
    public async Task Import_NotUtf8_NamesTheLine()
    {
        var path = Path.Combine(folder, "binary.md");
        await File.WriteAllBytesAsync(path, [.. "# T\n\n"u8, 0xFF, 0xFE, 0x00]);

        var (exit, _, error) = await RunAsync("import", path);

        Assert.Equal(1, exit);
        Assert.Contains("binary.md:3: the file is not UTF-8 text", error);
    }

    [Fact]
    public async Task Import_TitleAndOneLine_ImportsAndExports()
    {
        var path = Path.Combine(folder, "first.md");
        await File.WriteAllTextAsync(path, "# Title\nOne line.\n");

        var (exit, _, _) = await RunAsync("import", path);
        var exported = Path.Combine(folder, "out.md");
        var (exportExit, _, _) = await RunAsync("export", "--readme", exported);

        Assert.Equal((0, 0), (exit, exportExit));
        Assert.Equal("# Title\nOne line.\n", await File.ReadAllTextAsync(exported));
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import", "a.md", "--date", "last tuesday")]
    [InlineData("import", "a.md", "--colour", "red")]
    [InlineData("export")]
    [InlineData("users", "frobnicate")]
    public async Task Verb_WithWrongArguments_ExitsTwoWithTheUsage(params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains("Run 'Promisingness.Web help' for the usage.", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import", "missing.md")]
    [InlineData("import", "a.md", "b.md")]
    [InlineData("import", "a.md", "--date", "last tuesday")]
    [InlineData("import", "--json")]
    [InlineData("import", "--json", "missing.json")]
    [InlineData("export")]
    [InlineData("export", "--readme")]
    [InlineData("export", "--pdf", "out.pdf")]
    [InlineData("export", "--site")]
    [InlineData("backup")]
    [InlineData("restore")]
    [InlineData("restore", "missing.db")]
    [InlineData("users")]
    [InlineData("users", "frobnicate")]
    [InlineData("users", "add", "--email", "x@example.org")]
    [InlineData("users", "add", "--email", "x@example.org", "--name", "X", "--role", "Wizard")]
    [InlineData("users", "add", "--email", "x@example.org", "--name", "X", "--program", "NASA")]
    [InlineData("users", "add", "--email", "x@example.org", "--name", "X", "--program", "MARS", "--password", "short")]
    [InlineData("users", "lock")]
    [InlineData("users", "lock", "--email", "nobody@example.org")]
    public async Task Verb_WithWrongArguments_SaysWhatIsWrongInOneLine_AndExitsNonZero(params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.NotEqual(0, exit);
        Assert.Single(error.TrimEnd().Split('\n'), line => line.Trim().Length > 0);
    }

    [Fact]
    public async Task Export_WritesTheReadme()
    {
        await RunAsync("import", WikiApp.TestData("seed-README.md"));
        var path = Path.Combine(folder, "out", "README.md");

        var (exit, output, _) = await RunAsync("export", "--readme", path);

        Assert.Equal(0, exit);
        Assert.Contains("Wrote", output);
        Assert.StartsWith("# Promisingness-of-Automating-Alignment.github.io", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Users_AddListLock_ManageAnAccountLinkedToItsTeamMember()
    {
        await RunAsync("import", WikiApp.TestData("seed-README.md"));

        var added = await RunAsync("users", "add", "--email", "severin@example.org", "--name", "Severin Field", "--program", "AISC", "--role", "Researcher", "--password", "a long passphrase");
        var locked = await RunAsync("users", "lock", "--email", "severin@example.org");
        var list = await RunAsync("users", "list");

        Assert.Equal(0, added.Exit);
        Assert.Contains("linked to team member Severin Field", added.Output);
        Assert.Equal(0, locked.Exit);
        var line = Assert.Single(list.Output.Split('\n'), l => l.StartsWith("severin@example.org", StringComparison.Ordinal));
        Assert.Contains("AISC", line);
        Assert.EndsWith("locked", line.TrimEnd());
    }

    [Fact]
    public async Task Users_AddResearcherWithoutProgram_IsRefusedWithTheReason()
    {
        var (exit, _, error) = await RunAsync("users", "add", "--email", "x@example.org", "--name", "X", "--role", "Researcher", "--password", "a long passphrase");

        Assert.Equal(1, exit);
        Assert.Contains("belongs to a program", error);
    }
}
