namespace Promisingness.Tests.Markdown;

/// <summary>The hostile Markdown corpus in TestData/hostile-markdown.txt, shared by the unit and browser tests.</summary>
public static class HostileMarkdown
{
    public const string FileName = "hostile-markdown.txt";

    public static IReadOnlyList<string> Load(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, FileName)).Where(line => !line.StartsWith("#!", StringComparison.Ordinal));
        return [.. string.Join('\n', lines).Split("\n=====\n")];
    }

    public static TheoryData<int> Indexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Load(Path.Combine(AppContext.BaseDirectory, "TestData")).Count; i++)
        {
            data.Add(i);
        }
        return data;
    }
}
