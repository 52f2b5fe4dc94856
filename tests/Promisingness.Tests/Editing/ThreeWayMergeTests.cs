using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Tests.Editing;

public sealed class ThreeWayMergeTests
{
    private const string Original = "Intro line.\nSecond line.\nThird line.\nFourth line.\nLast line.";

    [Fact]
    public void TryMerge_EditsToDifferentParts_KeepsBoth()
    {
        var mine = Original.Replace("Intro line.", "Intro line, reworded by me.");
        var theirs = Original.Replace("Last line.", "Last line, reworded by them.");

        Assert.Equal("Intro line, reworded by me.\nSecond line.\nThird line.\nFourth line.\nLast line, reworded by them.", ThreeWayMerge.TryMerge(Original, mine, theirs));
    }

    [Fact]
    public void TryMerge_InsertionAndDeletionApart_KeepsBoth()
    {
        var mine = Original.Replace("Second line.\n", "");
        var theirs = Original + "\nA line they added.";

        Assert.Equal("Intro line.\nThird line.\nFourth line.\nLast line.\nA line they added.", ThreeWayMerge.TryMerge(Original, mine, theirs));
    }

    [Theory]
    [InlineData("Third line, mine.", "Third line, theirs.")]
    [InlineData("Third line, mine.", "Third line.\nFourth line, theirs.")]
    public void TryMerge_EditsToTheSameOrNeighbouringLines_LeavesItToAPerson(string mineThird, string theirsThird)
    {
        var mine = Original.Replace("Third line.", mineThird);
        var theirs = Original.Replace("Third line.\nFourth line.", theirsThird);

        Assert.Null(ThreeWayMerge.TryMerge(Original, mine, theirs));
    }

    [Fact]
    public void TryMerge_OnlyOneSideChanged_TakesThatSide()
    {
        Assert.Equal("Changed.", ThreeWayMerge.TryMerge(Original, "Changed.", Original));
        Assert.Equal("Changed.", ThreeWayMerge.TryMerge(Original, Original, "Changed."));
    }
}
