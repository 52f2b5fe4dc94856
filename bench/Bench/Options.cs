using System.Globalization;

namespace Bench;

internal sealed record Options(bool Quick, string Root, string Output, string WorkFolder, string WebFolder, HashSet<int> Scenarios, int Tabs, int SearchEntries, bool FreshSearch, string Command)
{
    public int Rounds => Quick ? 1 : 3;
    // The smoke run proves each scenario runs to its end; a second an arm does that.
    public int Seconds => Quick ? 1 : 10;

    /// <summary>
    /// Load before an arm's first round. The runtime recompiles hot methods optimised only after they have run a
    /// while, on a background thread that the load itself slows: a fresh wiki served the uncached page at a third
    /// of its speed for its first ~10 s, and a 1 s warm-up left round 1 of that arm 25% slower than rounds 2 and 3.
    /// </summary>
    public int WarmUpSeconds => Quick ? 1 : 10;

    /// <summary>The smoke run uses the Debug build CI has just made; timings are judged only in Release.</summary>
    public string Configuration => Quick ? "Debug" : "Release";
    public string StaticServerDll => Path.Combine(Root, "bench", "StaticServer", "bin", Configuration, "net10.0", "StaticServer.dll");
    public string BareBlazorDll => Path.Combine(Root, "bench", "BareBlazor", "bin", Configuration, "net10.0", "BareBlazor.dll");
    public string MarkdownBenchDll => Path.Combine(Root, "bench", "Markdown", "bin", Configuration, "net10.0", "MarkdownBench.dll");
    public string SearchBenchDll => Path.Combine(Root, "bench", "search", "bin", Configuration, "net10.0", "SearchBench.dll");
    public string SearchDatabase => Path.Combine(WorkFolder, $"search-{SearchEntries}.db");

    public static Options Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var root = Path.GetFullPath(Value(args, "--root") ?? FindRoot());
        var work = Path.GetFullPath(Value(args, "--work") ?? Path.Combine(root, "bench", "out"));
        var scenarios = Value(args, "--only") is { } only
            ? only.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToHashSet()
            : Enumerable.Range(1, 13).ToHashSet();
        return new Options(
            quick,
            root,
            Path.GetFullPath(Value(args, "--out") ?? (quick ? Path.Combine(work, "RESULTS-quick.md") : Path.Combine(root, "bench", "RESULTS.md"))),
            work,
            Path.GetFullPath(Value(args, "--web") ?? Path.Combine(work, "web")),
            scenarios,
            int.Parse(Value(args, "--tabs") ?? (quick ? "3" : "100"), CultureInfo.InvariantCulture),
            int.Parse(Value(args, "--search-entries") ?? (quick ? "2000" : "100000"), CultureInfo.InvariantCulture),
            args.Contains("--fresh-search"),
            Value(args, "--command") ?? "bench/run.sh " + string.Join(' ', args));
    }

    private static string? Value(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Promisingness.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository, or pass --root");
    }
}
