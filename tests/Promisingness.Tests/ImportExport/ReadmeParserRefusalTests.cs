using System.Text;
using Promisingness.Web.Features.ImportExport.Readme;

namespace Promisingness.Tests.ImportExport;

/// <summary>What the parser refuses: only what is not a README (binary, not UTF-8, too large) and unsafe links, naming the line.</summary>
public class ReadmeParserRefusalTests
{
    // Line numbers:          1    2      3  4                 5      6             7              8      9  10              11    12 13             14      15 16             17                 18                              19 20              21
    internal const string Valid = "# T\nDesc\n\n## Team Members\n```\nMentor: A \\\nMARS: B, C.\n```\n\n## Background\nbg\n\n## Questions\n> q1\n\n## Topic One\nResearched by B\n* [Out](https://example.org)\n\n#### Summary\ns\n";

    private static ReadmeFormatException Fails(string text, int expectedLine, string expectedMessagePart)
    {
        var ex = Assert.Throws<ReadmeFormatException>(() => ReadmeParser.Parse(text));
        Assert.Equal(expectedLine, ex.Line);
        Assert.StartsWith($"Line {expectedLine}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expectedMessagePart, ex.Message, StringComparison.OrdinalIgnoreCase);
        return ex;
    }

    internal static string Replace(string oldValue, string newValue)
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
    }

    [Fact]
    public void Parse_NulCharacter_FailsOnItsLine() =>
        Fails(Replace("bg", "b\0g"), 11, "NUL");

    [Fact]
    public void Parse_BinaryControlCharacter_FailsOnItsLine() =>
        Fails(Replace("\ns\n", "\ns\u0007\n"), 21, "control character");

    [Fact]
    public void Decode_InvalidUtf8_FailsOnItsLine()
    {
        var bytes = Encoding.UTF8.GetBytes("# T\n\nok\n").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var ex = Assert.Throws<ReadmeFormatException>(() => ReadmeText.Decode(bytes));
        Assert.Equal(4, ex.Line);
        Assert.Contains("not UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Utf8_GivesTheText() =>
        Assert.Equal("# Tö\n", ReadmeText.Decode(Encoding.UTF8.GetBytes("# Tö\n")));

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
    public void Parse_OutputUrlWithUnsafeScheme_FailsOnBulletLine(string url)
    {
        var ex = Fails(Replace("(https://example.org)", "(" + url + ")"), 18, "http, https");
        Assert.Contains(url, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bg [x](javascript:alert(1))", 11)]
    [InlineData("bg ![x](data:image/png;base64,AAAA)", 11)]
    [InlineData("bg <javascript:alert(1)>", 11)]
    public void Parse_UnsafeLinkAnywhere_FailsOnItsLine(string text, int line) =>
        Fails(Replace("bg", text), line, "only http, https and mailto");

    [Theory]
    [InlineData("mailto:team@example.org")]
    [InlineData("HTTPS://example.org")]
    [InlineData("http://example.org/a_(b)")]
    [InlineData("relative/path.md")]
    [InlineData("")]
    public void Parse_OutputUrlWithSafeOrNoScheme_Succeeds(string url)
    {
        var doc = ReadmeParser.Parse(Replace("(https://example.org)", "(" + url + ")"));
        Assert.Equal(url, Assert.Single(doc.Topics[0].Outputs).Url);
    }

    [Fact]
    public void Parse_UnsafeLinkInCode_IsNotALink() =>
        ReadmeParser.Parse(Replace("bg", "`[x](javascript:alert(1))`"));

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
