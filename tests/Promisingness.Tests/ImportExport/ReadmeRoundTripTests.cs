using Promisingness.Web.Features.ImportExport.Readme;

namespace Promisingness.Tests.ImportExport;

public class ReadmeRoundTripTests
{
    public static TheoryData<string> Files => new() { "seed-README.md", "later-README.md" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Write_ParsedReadme_RendersToTheSameHtml(string fileName)
    {
        var original = ReadmeTestData.Read(fileName);

        var written = ReadmeWriter.Write(ReadmeParser.Parse(original));

        Assert.Equal(ReadmeTestData.NormalizedHtml(original), ReadmeTestData.NormalizedHtml(written));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_WrittenReadme_GivesTheSameDocument(string fileName)
    {
        var document = ReadmeParser.Parse(ReadmeTestData.Read(fileName));

        var reparsed = ReadmeParser.Parse(ReadmeWriter.Write(document));

        Assert.Equal(document, reparsed);
    }

    [Fact]
    public void Write_Seed_ReproducesTheTeamBlockExactly()
    {
        var seed = ReadmeTestData.Seed;
        var start = seed.IndexOf("```", StringComparison.Ordinal);
        var end = seed.IndexOf("```", start + 3, StringComparison.Ordinal) + 3;

        var written = ReadmeWriter.Write(ReadmeParser.Parse(seed));

        Assert.Contains(seed[start..end], written, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_IsStable_WritingTwiceGivesTheSameText()
    {
        var once = ReadmeWriter.Write(ReadmeParser.Parse(ReadmeTestData.Seed));

        var twice = ReadmeWriter.Write(ReadmeParser.Parse(once));

        Assert.Equal(once, twice);
    }

    [Fact]
    public void Write_BareUrlOutputAndTopicWithoutResearchers_RoundTrips()
    {
        var document = new ReadmeDocument(
            "Title",
            "",
            [new ReadmeTeamLine("Mentor", ["A"])],
            [],
            "",
            [],
            [
                new ReadmeTopic("Loose notes", [], "Some text.", [
                    new ReadmeOutput(null, "https://example.org/a", " (draft)", null, ""),
                    new ReadmeOutput("B", "https://example.org/b", "", null, "A plain tail."),
                ]) { At = 2 },
                new ReadmeTopic("Three people", ["A", "B", "C"], "", []) { At = 3 },
            ])
        { TeamAt = 1 };

        var written = ReadmeWriter.Write(document);

        Assert.Contains("* https://example.org/a (draft)\n* [B](https://example.org/b)\n\nA plain tail.", written, StringComparison.Ordinal);
        Assert.Contains("Researched by A, B and C", written, StringComparison.Ordinal);
        Assert.Equal(document, ReadmeParser.Parse(written));
    }

    [Theory]
    [InlineData(new[] { "A" }, "A")]
    [InlineData(new[] { "A", "B" }, "A and B")]
    [InlineData(new[] { "A", "B", "C" }, "A, B and C")]
    public void JoinNames_JoinsLikeTheSeed(string[] names, string expected) =>
        Assert.Equal(expected, ReadmeWriter.JoinNames(names));
}
