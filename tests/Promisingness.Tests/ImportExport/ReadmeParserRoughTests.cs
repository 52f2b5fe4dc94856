using Promisingness.Web.Features.ImportExport.Readme;
using static Promisingness.Tests.ImportExport.ReadmeParserRefusalTests;

namespace Promisingness.Tests.ImportExport;

/// <summary>
/// Rough READMEs, as early versions are: GitHub renders them all, so they all import, nothing is dropped,
/// and what is written back renders to the same HTML (Markdig's CommonMark pipeline).
/// </summary>
public class ReadmeParserRoughTests
{
    private static ReadmeDocument RoundTrips(string text)
    {
        var document = ReadmeParser.Parse(text);
        var written = ReadmeWriter.Write(document);
        // GitHub, as the parser, reads a byte order mark as none.
        Assert.Equal(ReadmeHtml.Normalize(ReadmeHtml.Render(text.TrimStart('\uFEFF'))), ReadmeHtml.Normalize(ReadmeHtml.Render(written)));
        Assert.Equal(document, ReadmeParser.Parse(written));
        return document;
    }

    [Fact]
    public void Parse_TitleAndOneLine_IsTheHomePageAndNoPeople()
    {
        var doc = RoundTrips("# Automating alignment\nA first line.\n");
        Assert.Equal("Automating alignment", doc.Title);
        Assert.Equal("A first line.", doc.Description);
        Assert.Empty(doc.Team);
        Assert.Empty(doc.Pages);
        Assert.Empty(doc.Topics);
        Assert.Equal("# Automating alignment\nA first line.\n", ReadmeWriter.Write(doc));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n  ")]
    [InlineData("\uFEFF\r\n\r\n")]
    [InlineData("no title here\n")]
    [InlineData("## Team Members\n```\nMentor: A\n```\n")]
    [InlineData("# \nText under an empty title.\n")]
    public void Parse_NoTitle_IsKept(string text) => RoundTrips(text);

    [Fact]
    public void Parse_FenceOpenAtTheEnd_ClosesAtTheEndOfTheDocument()
    {
        var doc = RoundTrips(Valid + "\n```\ncode\n## not a heading\n");
        Assert.Contains("```\ncode\n## not a heading\n```", doc.Topics[0].Outputs[0].Summary, StringComparison.Ordinal);
        Assert.Single(doc.Topics);
    }

    [Fact]
    public void Parse_TeamBlockOpenAtTheEnd_ReadsTheTeam()
    {
        var doc = RoundTrips("# T\n\n## Team Members\n```\nMentor: A\n");
        Assert.Equal(["A"], doc.TeamMembers);
    }

    [Fact]
    public void Parse_TeamBlockNotClosedBeforeTheNextSection_TheFenceTakesTheRest()
    {
        var doc = RoundTrips(Replace("MARS: B, C.\n```\n", "MARS: B, C.\n"));
        Assert.Equal(["A", "B", "C"], doc.TeamMembers);
        Assert.Empty(doc.Topics);
    }

    [Fact]
    public void Parse_NoTeamMembersSection_NoPeople() =>
        Assert.Empty(RoundTrips(Replace("## Team Members\n```\nMentor: A \\\nMARS: B, C.\n```\n\n", "")).Team);

    [Fact]
    public void Parse_TeamWithoutFencedBlock_NoPeopleAndTheSectionKept()
    {
        var doc = RoundTrips(Replace("```\nMentor: A \\\nMARS: B, C.\n```\n", "Mentor: A \\\nMARS: B, C.\n"));
        Assert.Empty(doc.Team);
        Assert.Contains("Mentor: A", doc.TeamSection, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("B, C.")]
    [InlineData("MARS:")]
    [InlineData("MARS: B, A.")]
    public void Parse_OddTeamLines_KeepTheSectionAsWritten(string line)
    {
        var doc = RoundTrips(Replace("MARS: B, C.", line));
        Assert.Equal("A", doc.TeamMembers.First());
        Assert.Equal(doc.TeamMembers.Distinct(), doc.TeamMembers);
    }

    [Theory]
    [InlineData("##")]
    [InlineData("##   ")]
    public void Parse_EmptySectionHeading_StaysInThePreviousSection(string heading)
    {
        var doc = RoundTrips(Replace("## Background", heading));
        Assert.DoesNotContain(doc.Pages, p => p.Heading == "Background");
    }

    [Fact]
    public void Parse_TwoTopicsWithTheSameHeading_BothKept() =>
        Assert.Equal(2, RoundTrips(Valid + "\n## topic one\nResearched by C\n").Topics.Count);

    [Fact]
    public void Parse_TextBetweenQuestions_IsAPage()
    {
        var doc = RoundTrips(Replace("> q1\n", "> q1\n\nNot a question.\n"));
        Assert.Empty(doc.Questions);
        Assert.Contains(doc.Pages, p => p.Heading == "Questions" && p.Body.Contains("Not a question.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Researched by")]
    [InlineData("Researched by , and &")]
    public void Parse_ResearchedByWithNoNames_IsText(string line) =>
        RoundTrips(Replace("Researched by B", line));

    [Fact]
    public void Parse_LineUnderResearchedBy_StaysInItsParagraph()
    {
        var doc = RoundTrips(Replace("Researched by B\n", "Researched by Joyee Chen\n(Lesswrong post coming soon)\n"));
        var topic = Assert.Single(doc.Topics);
        Assert.Equal(["Joyee Chen"], topic.Researchers);
        Assert.True(topic.BodyJoinsByline);
        Assert.Equal("(Lesswrong post coming soon)", topic.Body);
        Assert.Contains("Researched by Joyee Chen\n(Lesswrong post coming soon)", ReadmeWriter.Write(doc), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Researched by A & B.")]
    [InlineData("Researched by A, B, and C")]
    public void Parse_ResearchedByWrittenOtherwise_IsWrittenAsItWas(string line)
    {
        var doc = RoundTrips(Replace("Researched by B", line));
        Assert.Equal(line, Assert.Single(doc.Topics).Byline);
    }

    [Theory]
    [InlineData("a soft\nline break")]
    [InlineData("a hard  \nline break")]
    [InlineData("a hard\\\nline break")]
    [InlineData("- a list\n\n- with a blank line")]
    [InlineData("### A smaller heading\ntext")]
    [InlineData("# Another title\ntext")]
    public void Parse_TextAsWritten_IsKept(string text) =>
        Assert.Contains(text, RoundTrips(Replace("bg", text)).Pages[0].Body, StringComparison.Ordinal);

    [Fact]
    public void Parse_EmphasisInHeadingAndEmptyLink_AreKept()
    {
        var doc = RoundTrips(Replace("## Topic One\nResearched by B\n* [Out](https://example.org)", "## Topic *One*\nResearched by B\n* [LessWrong post coming soon]()"));
        var topic = Assert.Single(doc.Topics);
        Assert.Equal("Topic *One*", topic.Heading);
        Assert.Equal("", topic.Outputs[0].Url);
    }

    [Fact]
    public void Parse_UnknownSectionAfterTheTopics_StaysInItsPlace()
    {
        var doc = RoundTrips(Valid + "\n## Contact\nWrite to us.\n");
        Assert.Equal("Contact", doc.Pages[^1].Heading);
        Assert.True(doc.Pages[^1].At > doc.Topics[0].At);
    }

    [Fact]
    public void Parse_OutputsInALooseList_AreKeptAsText()
    {
        var doc = RoundTrips(Replace("* [Out](https://example.org)\n", "* [Out](https://example.org)\n\n* [Two](https://example.org/2)\n"));
        Assert.Contains("[Two]", doc.Topics[0].Body + string.Concat(doc.Topics[0].Outputs.Select(o => o.Title + o.Summary)), StringComparison.Ordinal);
    }
}
