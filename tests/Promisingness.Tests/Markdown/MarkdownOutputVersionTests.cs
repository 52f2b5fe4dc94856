using System.Security.Cryptography;
using System.Text;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Markdown;

/// <summary>
/// Stored HTML is rendered again only when <see cref="MarkdownRenderer.OutputVersion"/> changes (StoredHtmlRefresh),
/// so a change to what the renderer makes must come with a new version: this notices any change to the HTML of the
/// seed README and of every hostile input.
/// </summary>
public sealed class MarkdownOutputVersionTests
{
    // The version, and a digest of the HTML it makes from the texts below.
    private const int Version = 4;
    private const string Digest = "7043067228dff99e";

    // Temml's MathML is part of the output too: a new Temml changes it.
    private const string MathText = "Inline $x^2 + \\alpha$, a price of $10 and $20, and\n\n$$\n\\sum_{i=1}^n \\frac{1}{i}\n$$\n\n```math\n\\sqrt{2}\n```\n";

    [Fact]
    public void Output_IsTheOneItsVersionWasRecordedWith()
    {
        var renderer = new MarkdownRenderer();
        var texts = HostileMarkdownCorpus.All.Prepend(File.ReadAllText(WikiApp.TestData("seed-README.md"))).Append(MathText);
        var html = string.Join("\n\u0000\n", texts.Select(text => renderer.ToSafeHtml(text)));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(html)))[..16];

        Assert.True(MarkdownRenderer.OutputVersion == Version && digest == Digest,
            $"The renderer's HTML has changed (digest {digest}). Raise MarkdownRenderer.OutputVersion, so that stored text is "
            + $"rendered again on the next start, and record the new version and digest in this test. (Version {MarkdownRenderer.OutputVersion}, recorded {Version}, {Digest}.)");
    }
}
