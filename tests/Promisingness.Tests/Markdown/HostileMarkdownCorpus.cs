namespace Promisingness.Tests.Markdown;

/// <summary>
/// Reads TestData/hostile-markdown.txt: inputs separated by a line holding exactly "=====",
/// lines starting with "#!" are comments. Shared with the browser tests, which render the same inputs.
/// </summary>
public static class HostileMarkdownCorpus
{
    public const string FileName = "hostile-markdown.txt";

    private static readonly Lazy<IReadOnlyList<string>> Entries = new(() => Load(Path.Combine(AppContext.BaseDirectory, "TestData", FileName)));

    public static IReadOnlyList<string> All => Entries.Value;

    /// <summary>Entry indexes as theory data: short test names, and a failure names the entry to look up.</summary>
    public static TheoryData<int> Indexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < All.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static IReadOnlyList<string> Load(string path)
    {
        var entries = new List<string>();
        var current = new List<string>();
        foreach (var line in File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                continue;
            }

            if (line == "=====")
            {
                entries.Add(string.Join('\n', current));
                current.Clear();
                continue;
            }

            current.Add(line);
        }

        // The file ends with a newline, which leaves one empty line after the last entry.
        if (current.Count > 0 && current[^1].Length == 0)
        {
            current.RemoveAt(current.Count - 1);
        }

        if (current.Count > 0)
        {
            entries.Add(string.Join('\n', current));
        }

        return entries;
    }
}
