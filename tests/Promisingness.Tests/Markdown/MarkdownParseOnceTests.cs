using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Markdown;

/// <summary>A save parses each text once (MarkdownRenderer.Parse): it must find the same links and make the same HTML as the two separate calls.</summary>
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
    public void ParsedOnce_FindsTheSameLinksAndMakesTheSameHtml()
    {
        var renderer = new MarkdownRenderer();
        static WikiLinkTarget? Resolve(string target) => target == "nowhere" ? null : new WikiLinkTarget("/pages/" + target.ToLowerInvariant());
        var texts = Texts.Concat(HostileMarkdownCorpus.All).Append(File.ReadAllText(WikiApp.TestData("seed-README.md")));
        foreach (var text in texts)
        {
            var parsed = renderer.Parse(text);
            Assert.Equal(renderer.WikiLinkTargets(text), parsed.WikiLinkTargets);
            Assert.Equal(renderer.ToSafeHtml(text, Resolve), parsed.ToSafeHtml(Resolve));
        }
        Assert.Equal(["Goal", "Weak-to-strong generalization", "nowhere"], renderer.Parse(Texts[0]).WikiLinkTargets);
    }
}
