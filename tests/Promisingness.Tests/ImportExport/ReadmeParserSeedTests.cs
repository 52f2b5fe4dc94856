using Promisingness.Web.Features.ImportExport.Readme;

namespace Promisingness.Tests.ImportExport;

public class ReadmeParserSeedTests
{
    private static readonly ReadmeDocument Doc = ReadmeParser.Parse(ReadmeTestData.Seed);

    private static ReadmeTopic Topic(string headingStart) =>
        Assert.Single(Doc.Topics, t => t.Heading.StartsWith(headingStart, StringComparison.Ordinal));

    [Fact]
    public void Parse_Seed_ReadsTitleAndDescription()
    {
        Assert.Equal("Promisingness-of-Automating-Alignment.github.io", Doc.Title);
        Assert.Equal("Public repository for the Promisingness of Automating Alignment project", Doc.Description);
    }

    [Fact]
    public void Parse_Seed_Finds16PeopleIn4Lines()
    {
        Assert.Equal(["Mentor", "AI Safety Camp", "MARS", "SPAR"], Doc.Team.Select(l => l.Label));
        Assert.Equal([1, 8, 3, 4], Doc.Team.Select(l => l.Names.Count));
        Assert.Equal(16, Doc.TeamMembers.Count());
        Assert.Equal(["Bogdan Ionut Cirstea"], Doc.Team[0].Names);
        Assert.Equal("Yuan Yuan Sun", Doc.Team[1].Names[^1]);
        Assert.Equal(["Alfie Lamerton", "Tim Chan", "Robayet Hossain"], Doc.Team[2].Names);
        Assert.Equal(["Joyee Chen", "Joe Emerson", "Minh Nguyen", "Yixiong Hao"], Doc.Team[3].Names);
    }

    [Fact]
    public void Parse_Seed_FindsBackgroundAndGoalPages()
    {
        Assert.Equal(["Background", "Goal:"], Doc.Pages.Select(p => p.Heading));
        Assert.StartsWith("Automating alignment research is one approach", Doc.Pages[0].Body, StringComparison.Ordinal);
        Assert.EndsWith("openai-launches-superalignment-taskforce)).", Doc.Pages[0].Body, StringComparison.Ordinal);
        Assert.StartsWith("This project aims", Doc.Pages[1].Body, StringComparison.Ordinal);
        Assert.EndsWith("summarize ideas.", Doc.Pages[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Seed_Finds7Questions()
    {
        Assert.Equal("Some Brainstorming questions", Doc.QuestionsHeading);
        Assert.Equal(7, Doc.Questions.Count);
        Assert.StartsWith("How safe can ~human-level", Doc.Questions[0], StringComparison.Ordinal);
        Assert.StartsWith("Which approaches can/should", Doc.Questions[6], StringComparison.Ordinal);
        Assert.All(Doc.Questions, q => Assert.DoesNotContain(q.Split('\n'), l => l.StartsWith('>')));
        Assert.Contains("robotics -> suggest", Doc.Questions[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Seed_Finds6TopicsInOrder()
    {
        Assert.Equal(
            [
                "Weak to Strong Generalization",
                "In-context Learning",
                "Sparse Autoencoders (SAEs)",
                "Theoretical Chain of Thought",
                "Automated Alignment considerations from a Governance perspective",
                "A proposed compute-based method for predicting the future feasibility of the Linear Representation Hypothesis for automating alignment research",
            ],
            Doc.Topics.Select(t => t.Heading));
    }

    [Fact]
    public void Parse_Seed_ReadsResearchers()
    {
        Assert.Equal(["Severin Field", "Vassil Tashev"], Topic("Weak to Strong").Researchers);
        Assert.Equal(["Alfie Lamerton"], Topic("In-context").Researchers);
        Assert.Equal(["Nguyen Nhat Minh"], Topic("Sparse Autoencoders").Researchers);
        Assert.Equal(["Severin Field"], Topic("Theoretical Chain").Researchers);
        Assert.Equal(["Marcel Mir"], Topic("Automated Alignment considerations").Researchers);
        Assert.Equal(["Vassil Tashev"], Topic("A proposed compute-based").Researchers);
    }

    [Fact]
    public void Parse_Seed_WeakToStrongHasTwoOutputsWithSummaryColonHeadings()
    {
        var topic = Topic("Weak to Strong");
        Assert.Equal("", topic.Body);
        Assert.Equal(2, topic.Outputs.Count);
        Assert.All(topic.Outputs, o => Assert.Equal("Summary:", o.SummaryHeading));
        Assert.Equal("A review of weak-to-strong generalization literature", topic.Outputs[0].Title);
        Assert.Equal("https://www.lesswrong.com/posts/ELbGqXiLbRe6zSkTu/a-review-of-weak-to-strong-generalization-ai-safety-camp", topic.Outputs[0].Url);
        Assert.Equal("", topic.Outputs[0].LinkNote);
        Assert.StartsWith("OpenAI’s super alignment agenda", topic.Outputs[0].Summary, StringComparison.Ordinal);
        Assert.EndsWith("automated safety R&D.", topic.Outputs[0].Summary, StringComparison.Ordinal);
        Assert.Equal("Paper review: “The Unreasonable Effectiveness of Easy Training Data for Hard Tasks”", topic.Outputs[1].Title);
        Assert.Equal("Scalable oversight seems easier based on experiments outlined in a recent paper; questions arise about the implications of these findings.", topic.Outputs[1].Summary);
    }

    [Fact]
    public void Parse_Seed_InContextLearningHasEmptySummary()
    {
        var output = Assert.Single(Topic("In-context").Outputs);
        Assert.Equal("Summary", output.SummaryHeading);
        Assert.Equal("", output.Summary);
    }

    [Fact]
    public void Parse_Seed_SaeOutputIsTheGoogleDocDraft()
    {
        var output = Assert.Single(Topic("Sparse Autoencoders").Outputs);
        Assert.Contains("(Google Doc draft)", output.Title, StringComparison.Ordinal);
        Assert.Equal("A Review of Automated Approaches for Sparse Autoencoders (SAEs) (Google Doc draft)", output.Title);
        Assert.StartsWith("https://docs.google.com/document/d/", output.Url, StringComparison.Ordinal);
        Assert.Equal("Summary", output.SummaryHeading);
        Assert.StartsWith("This draft document", output.Summary, StringComparison.Ordinal);
        Assert.EndsWith("end April 2024.", output.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Seed_ChainOfThoughtHasComingSoonLinkAndKeepsPlainBulletsInSummary()
    {
        var output = Assert.Single(Topic("Theoretical Chain").Outputs);
        Assert.Equal("lesswrong post coming soon", output.Title);
        Assert.Equal("", output.Url);
        Assert.Equal("\\", output.LinkNote);
        Assert.Equal("Summary", output.SummaryHeading);
        Assert.Contains("* What will the first meaningfully useful automated safety researcher look like?", output.Summary, StringComparison.Ordinal);
        Assert.EndsWith("How interpretable is chain of thought?", output.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Seed_GovernanceHasNoOutputsAndBodyStartingWithSummary()
    {
        var topic = Topic("Automated Alignment considerations");
        Assert.Empty(topic.Outputs);
        Assert.StartsWith("#### Summary\nCould current trends", topic.Body, StringComparison.Ordinal);
        Assert.Contains("* Could AI Governance safety proposals", topic.Body, StringComparison.Ordinal);
        Assert.EndsWith("researchers and policymakers.", topic.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Seed_LinearRepresentationHasComingSoonLink()
    {
        var output = Assert.Single(Topic("A proposed compute-based").Outputs);
        Assert.Equal("LessWrong post coming soon", output.Title);
        Assert.Equal("", output.Url);
        Assert.Equal("\\", output.LinkNote);
        Assert.EndsWith("and others.", output.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeedWithCrlfAndBom_GivesTheSameDocument()
    {
        var crlf = "\uFEFF" + ReadmeTestData.Seed.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        Assert.Equal(Doc, ReadmeParser.Parse(crlf));
    }

    [Fact]
    public void Parse_Later_FindsNewPersonNewTopicAndEditedOutputs()
    {
        var later = ReadmeParser.Parse(ReadmeTestData.Later);
        Assert.Equal(17, later.TeamMembers.Count());
        Assert.Contains("Priya Raman", later.Team[2].Names);
        Assert.Equal(7, later.Topics.Count);

        var cot = Assert.Single(later.Topics, t => t.Heading == "Theoretical Chain of Thought");
        var cotOutput = Assert.Single(cot.Outputs);
        Assert.StartsWith("https://www.lesswrong.com/posts/", cotOutput.Url, StringComparison.Ordinal);
        Assert.Equal("", cotOutput.LinkNote);

        var icl = Assert.Single(Assert.Single(later.Topics, t => t.Heading == "In-context Learning").Outputs);
        Assert.StartsWith("We review the main hypotheses", icl.Summary, StringComparison.Ordinal);

        var agents = later.Topics[^1];
        Assert.Equal("Automated Interpretability Agents", agents.Heading);
        Assert.Equal(["Priya Raman", "Tim Chan"], agents.Researchers);
        Assert.Single(agents.Outputs);

        // Everything else is identical to the seed.
        Assert.Equal(Doc.Pages, later.Pages);
        Assert.Equal(Doc.Questions, later.Questions);
        Assert.Equal(Doc.Topics[2], later.Topics[2]);
        Assert.Equal(Doc.Topics[4], later.Topics[4]);
        Assert.Equal(Doc.Topics[5], later.Topics[5]);
    }
}
