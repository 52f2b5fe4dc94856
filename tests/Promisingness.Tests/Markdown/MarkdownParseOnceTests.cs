using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Markdown;

/// <summary>A save or a comment parses its text once (MarkdownRenderer.Parse): it must find the links as written and make the HTML every other caller gets from ToSafeHtml.</summary>
public sealed class MarkdownParseOnceTests
{
    private static readonly string[] Texts =
    [
        "See [[Goal]], [[Weak-to-strong generalization|this topic]] and [[Goal]] again, and [[nowhere]].",
        "> quoted [[Goal]]\n\n| a | [[Goal]] |\n|---|---|\n| *x* | y |\n\n<script>alert(1)</script>",
        new string('[', 100_000),
        new string('>', 20_000) + " [[Goal]]",
    ];

    [Fact]
    public void ParsedOnce_FindsTheLinksAndMakesTheSameHtml()
    {
        var renderer = new MarkdownRenderer();
        static WikiLinkTarget? Resolve(string target) => target == "nowhere" ? null : new WikiLinkTarget("/pages/" + target.ToLowerInvariant());
        var texts = Texts.Concat(HostileMarkdownCorpus.All).Append(File.ReadAllText(WikiApp.TestData("seed-README.md")));
        foreach (var text in texts)
        {
            var parsed = renderer.Parse(text);
            Assert.Equal(renderer.ToSafeHtml(text, Resolve), parsed.ToSafeHtml(Resolve));
        }
        Assert.Equal(["Goal", "Weak-to-strong generalization", "nowhere"], renderer.Parse(Texts[0]).WikiLinkTargets);
        Assert.Equal(["Goal"], renderer.Parse(Texts[1]).WikiLinkTargets);
        // Past Markdig's depth limit the text is shown escaped, and its links are not followed.
        Assert.Empty(renderer.Parse(Texts[3]).WikiLinkTargets);
    }
}
