using System.Text.RegularExpressions;

namespace Promisingness.Tests.Backup;

/// <summary>
/// A copy of a live SQLite file can miss acknowledged saves still in its WAL, or catch a page half
/// written: backups go through the backup API. This scans every script, container file and document in
/// the repository, and the C# sources, for a command that copies a .db file.
/// </summary>
public sealed partial class NoLiveCopyTests
{
    [GeneratedRegex(@"(^\s*(\$\s*)?|[;&|(]\s*|\b(sudo|exec)\s+)(cp|rsync|scp|dd|install|Copy-Item|copy)\s[^#\n]*\.db\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShellCopy();

    [GeneratedRegex(@"File\.Copy\s*\(|\.CopyTo\s*\([^)]*\.db", RegexOptions.IgnoreCase)]
    private static partial Regex CodeCopy();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Promisingness.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("Promisingness.sln not found above the test folder.");
    }

    [Fact]
    public void Repository_HasNoScriptOrCodeThatCopiesADatabaseFile()
    {
        var root = RepositoryRoot();
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var scripts = files.Where(f => Path.GetExtension(f) is ".sh" or ".yml" or ".yaml" or ".md" or ".ps1" or ".cmd" || Path.GetFileName(f) is "Dockerfile" or "run").ToList();
        var sources = files.Where(f => Path.GetExtension(f) is ".cs" or ".razor" && !f.EndsWith(nameof(NoLiveCopyTests) + ".cs", StringComparison.Ordinal)).ToList();

        var copies = scripts.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)).Where(l => ShellCopy().IsMatch(l.line)))
            .Concat(sources.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)).Where(l => CodeCopy().IsMatch(l.line))))
            .Select(l => $"{Path.GetRelativePath(root, l.f)}:{l.i + 1}: {l.line.Trim()}")
            .ToList();

        Assert.True(scripts.Count > 3, "the scan found no scripts: it would prove nothing");
        Assert.True(copies.Count == 0, "Copies of a database file (use `backup FILE`):\n" + string.Join("\n", copies));
    }
}
