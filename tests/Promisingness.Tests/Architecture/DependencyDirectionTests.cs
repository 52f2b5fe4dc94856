using Promisingness.Web.Data;

namespace Promisingness.Tests.Architecture;

/// <summary>
/// The parts of the wiki use each other in one direction (docs/ARCHITECTURE.md): the data, then security and the
/// other foundations, then the core (entries, revisions, the save path), then what every feature shares, then the
/// features and kinds of entry, and on top the pages' frame, the composition and the command line. A part may use
/// its own layer and those below it, and no parts may use each other around a loop.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly string[][] Layers =
    [
        ["Data", "Diagnostics", "Markdown"],
        ["Security", "Scaling"],
        [Core],
        ["Caching", "Components.Shared", "Components.Public"],
        [Features],
        ["Components", "Components.Layout", "Components.Pages", "Components.Account", "Setup", "CommandLine", "Seed", "Root"],
    ];

    private const string Core = "Features.Entries";

    /// <summary>Every part under Features but the core: the kinds of entry and the features.</summary>
    private const string Features = "Features.*";

    private static readonly PartGraph Graph = PartGraph.Of(typeof(WikiDbContext).Assembly.Location);

    private static int LayerOf(string part) =>
        Array.FindIndex(Layers, layer => layer.Contains(part) || (part.StartsWith("Features.", StringComparison.Ordinal) && part != Core && layer.Contains(Features)));

    [Fact]
    public void TheGraph_SeesUses_InSignaturesInjectionsAndMethodBodies()
    {
        // A kind's fields implement the core's interface; the editor page injects the core's editor; the host migrates the database.
        Assert.Contains(Core, Graph.Uses["Features.Topics"].Keys);
        Assert.Contains(Core, Graph.Uses["Features.Editing"].Keys);
        Assert.Contains("Data", Graph.Uses["Setup"].Keys);
    }

    [Fact]
    public void EveryPart_HasItsLayer()
    {
        var unplaced = Graph.Uses.Keys.Concat(Graph.Uses.Values.SelectMany(u => u.Keys)).Distinct().Where(p => LayerOf(p) < 0).Order(StringComparer.Ordinal).ToList();

        Assert.True(unplaced.Count == 0, $"Give these parts a layer in {nameof(Layers)} (and docs/ARCHITECTURE.md): {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void NoPart_UsesAPartAboveIt()
    {
        var upward = Graph.Uses
            .SelectMany(from => from.Value.Where(to => LayerOf(to.Key) > LayerOf(from.Key)).Select(to => $"{from.Key} → {to.Key}: {to.Value}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(upward.Count == 0, "These uses point upward; move the type used down, or turn the call into a step or an interface the lower part owns:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void NoParts_UseEachOtherAroundALoop()
    {
        var loops = Graph.Loops();

        Assert.True(loops.Count == 0, "These parts use each other around a loop:\n" + string.Join("\n", loops.Select(loop => $"{loop}\n  {Explain(loop)}")));
    }

    [Fact]
    public void TheCore_NamesNoFeature()
    {
        var features = Graph.Uses.GetValueOrDefault(Core, []).Where(to => to.Key.StartsWith("Features.", StringComparison.Ordinal)).Select(to => to.Value).ToList();

        Assert.True(features.Count == 0, "The core names features; a feature reacts through the save's steps or a kind's fields instead:\n" + string.Join("\n", features));
    }

    /// <summary>A loop's uses, each with a type that shows it.</summary>
    private static string Explain(string loop)
    {
        var parts = loop.Split(", ").ToHashSet();
        return string.Join("\n  ", parts.SelectMany(from => Graph.Uses.GetValueOrDefault(from, []).Where(to => parts.Contains(to.Key)).Select(to => $"{from} → {to.Key}: {to.Value}")));
    }
}
