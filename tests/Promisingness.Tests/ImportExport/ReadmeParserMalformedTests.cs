using Promisingness.Web.Features.ImportExport.Readme;

namespace Promisingness.Tests.ImportExport;

public class ReadmeParserMalformedTests
{
    // Line numbers:          1    2      3  4                 5      6             7              8      9  10              11    12 13             14      15 16             17                 18                              19 20              21
    private const string Valid = "# T\nDesc\n\n## Team Members\n```\nMentor: A \\\nMARS: B, C.\n```\n\n## Background\nbg\n\n## Questions\n> q1\n\n## Topic One\nResearched by B\n* [Out](https://example.org)\n\n#### Summary\ns\n";

    private static ReadmeFormatException Fails(string text, int expectedLine, string expectedMessagePart)
    {
        var ex = Assert.Throws<ReadmeFormatException>(() => ReadmeParser.Parse(text));
        Assert.Equal(expectedLine, ex.Line);
        Assert.StartsWith($"Line {expectedLine}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expectedMessagePart, ex.Message, StringComparison.OrdinalIgnoreCase);
        return ex;
    }

    private static string Replace(string oldValue, string newValue)
    {
        Assert.Contains(oldValue, Valid, StringComparison.Ordinal);
        return Valid.Replace(oldValue, newValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidSample_Succeeds()
    {
        var doc = ReadmeParser.Parse(Valid);
        Assert.Equal("T", doc.Title);
        Assert.Equal(3, doc.TeamMembers.Count());
        Assert.Single(doc.Topics);
        Assert.Equal(["B"], doc.Topics[0].Researchers);
    }

    [Fact]
    public void Parse_ValidSampleWithCrlfAndBom_Succeeds()
    {
        var doc = ReadmeParser.Parse("\uFEFF" + Valid.Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.Equal(ReadmeParser.Parse(Valid), doc);
        Assert.Equal("T", doc.Title);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n  ")]
    [InlineData("\uFEFF\r\n\r\n")]
    public void Parse_EmptyFile_FailsOnLine1(string text) =>
        Fails(text, 1, "empty");

    [Fact]
    public void Parse_FirstLineNotTitle_FailsOnThatLine() =>
        Fails("\n\nHello\n" + Valid, 3, "title");

    [Fact]
    public void Parse_FirstLineIsSectionHeading_Fails() =>
        Fails("## Team Members\n```\nMentor: A\n```\n", 1, "title");

    [Fact]
    public void Parse_EmptyTitle_Fails() =>
        Fails(Replace("# T\n", "# \n"), 1, "title");

    [Fact]
    public void Parse_NulCharacter_FailsOnItsLine() =>
        Fails(Replace("bg", "b\0g"), 11, "NUL");

    [Fact]
    public void Parse_BinaryControlCharacter_FailsOnItsLine() =>
        Fails(Replace("\ns\n", "\ns\u0007\n"), 21, "control character");

    [Fact]
    public void Parse_NoTeamMembersSection_Fails() =>
        Fails(Replace("## Team Members\n```\nMentor: A \\\nMARS: B, C.\n```\n\n", ""), 4, "no \"## Team Members\" section");

    [Fact]
    public void Parse_TeamMembersWithoutFencedBlock_FailsOnHeading() =>
        Fails(Replace("```\nMentor: A \\\nMARS: B, C.\n```\n", "Mentor: A \\\nMARS: B, C.\n"), 4, "no fenced block");

    [Fact]
    public void Parse_TeamBlockNotClosedBeforeNextSection_FailsOnOpeningFence() =>
        Fails(Replace("MARS: B, C.\n```\n", "MARS: B, C.\n"), 5, "not closed (missing ```)");

    [Fact]
    public void Parse_TeamBlockNotClosedAtEndOfFile_FailsOnOpeningFence() =>
        Fails("# T\n\n## Team Members\n```\nMentor: A\n", 4, "not closed (missing ```)");

    [Fact]
    public void Parse_OtherCodeBlockNotClosed_FailsOnOpeningFence() =>
        Fails(Valid + "\n```\ncode\n", 23, "not closed");

    [Theory]
    [InlineData("B, C.")]
    [InlineData(": B, C.")]
    public void Parse_TeamLineWithoutLabel_Fails(string line) =>
        Fails(Replace("MARS: B, C.", line), 7, "label");

    [Theory]
    [InlineData("MARS:")]
    [InlineData("MARS: .")]
    [InlineData("MARS: , ; \\")]
    public void Parse_TeamLineWithNoNames_Fails(string line) =>
        Fails(Replace("MARS: B, C.", line), 7, "no names");

    [Theory]
    [InlineData("MARS: B, A.")]
    [InlineData("MARS: B, C, b.")]
    public void Parse_NameListedTwiceInTeam_FailsOnSecondLine(string line) =>
        Fails(Replace("MARS: B, C.", line), 7, "listed twice");

    [Theory]
    [InlineData("##")]
    [InlineData("##   ")]
    public void Parse_EmptySectionHeading_Fails(string heading) =>
        Fails(Replace("## Background", heading), 10, "no text");

    [Theory]
    [InlineData("## Topic One")]
    [InlineData("## topic   one!")]
    [InlineData("##  TOPIC-ONE ")]
    public void Parse_DuplicateTopicHeading_FailsOnSecond(string heading)
    {
        var ex = Fails(Valid + "\n" + heading + "\nMore.\n", 23, "same heading");
        Assert.Contains("line 16", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextOutsideBlockQuoteInQuestions_Fails() =>
        Fails(Replace("> q1\n", "> q1\n\nNot a question.\n"), 16, "block quote");

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("javascript&#58;alert(1)")]
    [InlineData("&#x6A;avascript:alert(1)")]
    [InlineData("java&#x09;script:alert(1)")]
    [InlineData("javascript%3Aalert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("vbscript:msgbox")]
    [InlineData("file:///etc/passwd")]
    [InlineData("relative/path.md")]
    public void Parse_OutputUrlWithDisallowedScheme_FailsOnBulletLine(string url)
    {
        var ex = Fails(Replace("(https://example.org)", "(" + url + ")"), 18, "http, https");
        Assert.Contains(url, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mailto:team@example.org")]
    [InlineData("HTTPS://example.org")]
    [InlineData("http://example.org/a_(b)")]
    [InlineData("")]
    public void Parse_OutputUrlWithAllowedScheme_Succeeds(string url)
    {
        var doc = ReadmeParser.Parse(Replace("(https://example.org)", "(" + url + ")"));
        Assert.Equal(url, Assert.Single(doc.Topics[0].Outputs).Url);
    }

    [Theory]
    [InlineData("Researched by")]
    [InlineData("Researched by ")]
    [InlineData("Researched by , and &")]
    public void Parse_ResearchedByWithNoNames_Fails(string line) =>
        Fails(Replace("Researched by B", line), 17, "not followed by any names");

    [Fact]
    public void Parse_FileOver2MB_FailsOnLine1()
    {
        var big = Valid + new string('a', ReadmeParser.MaxSizeBytes);
        Fails(big, 1, "larger than 2 MB");
    }

    [Fact]
    public void Parse_FileOver2MBInUtf8Bytes_FailsOnLine1()
    {
        // Fewer than 2M characters, but more than 2 MB once encoded.
        var big = Valid + new string('é', (ReadmeParser.MaxSizeBytes / 2) + 1);
        Fails(big, 1, "larger than 2 MB");
    }
}
