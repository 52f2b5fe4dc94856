using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Tests.Markdown;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Editing;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.Editing;

/// <summary>
/// The live preview renders block by block and renders again only the blocks that changed: what it shows must be
/// the HTML the whole text renders to, for every kind of text, before and after edits.
/// </summary>
public sealed class BlockPreviewTests(WikiApp app) : IClassFixture<WikiApp>
{
    private static readonly string[] Tricky =
    [
        "# Same\n\ntext\n\n# Same\n\nmore\n\n## Same\n\n# Same-1\n\n# Same",
        "- a\n\n- b\n\nafter the loose list\n\n1. one\n\n2. two\n\n10) ten\n\n3.not a list",
        "```\ncode\n\n\nstill code\n```\n\nafter\n\n~~~~\n~~~\n\nin the tilde fence\n~~~~\n\nout",
        "- item\n\n  ```\n  fenced in the item\n\n  ```\n\npara\n\n  ```\n\nx\n\nmaybe code",
        "```\nnever closed\n\ntext",
        "$$\nx^2\n\n$$\n\n$$ y $$\n\nz\n\nInline $a$ math",
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\ntext\n\n| c |\n|---|\n| 3 |",
        "> quote\n\n> another\n\nlazy\n> cont\n\n    indented code\n\n\tTab code\n\nend",
        "Setext\n===\n\nUnder\n---\n\n---\n\n***\n\n* star",
        "A [[Weak-to-strong generalization]] link and a [[missing entry]].\n\n![img](/files/abc/x.png)",
        "Footnote[^1] here.\n\n[^1]: The note.\n\n# H",
        "A [ref] link.\n\nOther\n\n[ref]: https://example.org",
        "Text\r\n\r\nWindows lines\r\n\r\n# Head\r\n\r\n- a\r\n\r\n- b\r\n",
        "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n# Ünïcødé 👋 heading\n\n# Ünïcødé 👋 heading",
        "",
        "\n\n\n",
    ];

    private static IEnumerable<string> Documents() =>
        Tricky.Concat(HostileMarkdownCorpus.All)
            .Append(File.ReadAllText(WikiApp.TestData("seed-README.md")))
            .Append(File.ReadAllText(WikiApp.TestData("later-README.md")));

    private string Whole(string text)
    {
        using var db = app.Get<IDbContextFactory<WikiDbContext>>().CreateDbContext();
        return WikiLinkCreation.OfferToCreate(app.Get<MarkdownRenderer>().Parse(text).ToSafeHtml(db));
    }

    private BlockPreview NewPreview() => new(app.Get<MarkdownRenderer>(), app.Get<IDbContextFactory<WikiDbContext>>(), offerToCreate: true);

    private static string Shown(IReadOnlyList<BlockPreview.Block> blocks) => string.Concat(blocks.Select(b => b.Html));

    [Fact]
    public void Render_EachDocument_IsTheWholeRender()
    {
        foreach (var text in Documents())
        {
            Assert.Equal(Whole(text), Shown(NewPreview().Render(text, CancellationToken.None)));
        }
    }

    [Fact]
    public void Render_AfterEditsInTheMiddle_IsTheWholeRenderAndKeepsTheUnchangedBlocks()
    {
        var readme = File.ReadAllText(WikiApp.TestData("seed-README.md"));
        var preview = NewPreview();
        var before = preview.Render(readme, CancellationToken.None);
        var random = new Random(29);
        var text = readme;
        string[] insertions = ["typed", "\n\n", "\n\n# Heading\n\n", "```", "\n- item\n", "[[Goal]]", "👋 é"];
        for (var i = 0; i < 60; i++)
        {
            var at = random.Next(text.Length);
            // Insertions, and every third edit a deletion (which may join two blocks or open a fence's end).
            text = i % 3 == 2 ? text.Remove(at, Math.Min(random.Next(1, 40), text.Length - at)) : text.Insert(at, insertions[i % insertions.Length]);
            Assert.Equal(Whole(text), Shown(preview.Render(text, CancellationToken.None)));
        }
        var edited = readme.Insert(readme.Length / 2, "word");
        var fresh = NewPreview();
        var first = fresh.Render(readme, CancellationToken.None);
        var after = fresh.Render(edited, CancellationToken.None);
        // Every block but the one typed into keeps its instance (Blazor's key): only that one is sent again.
        Assert.Equal(first.Count, after.Count);
        Assert.Equal(first.Count - 1, after.Count(b => first.Contains(b)));
        Assert.True(before.Count > 10, "the README is cut into blocks");
    }

    [Fact]
    public void Groups_AfterTypingInTheMiddleOfALongText_AreTheSameButTheOneTypedIn()
    {
        var text = string.Concat(Enumerable.Range(0, 3000).Select(i => $"Paragraph {i} about oversight.\n\n"));
        var preview = NewPreview();
        var grouping = new PreviewGroups();
        var before = grouping.Of(preview.Render(text, CancellationToken.None));
        var edited = text.Insert(text.IndexOf("Paragraph 1500 ", StringComparison.Ordinal) + 20, " typed");
        var blocks = preview.Render(edited, CancellationToken.None);

        var after = grouping.Of(blocks);
        var added = grouping.Of(preview.Render(edited.Insert(edited.IndexOf("Paragraph 2000 ", StringComparison.Ordinal), "A new paragraph.\n\n"), CancellationToken.None));

        // The groups hold the blocks, in order; Blazor is given one changed group, with its old key.
        Assert.Equal(blocks, after.SelectMany(g => g.Blocks));
        Assert.InRange(before.Count, 3000 / 128, 3000 / 8);
        Assert.Equal(after.Count, after.Select(g => g.Key).Distinct().Count());
        Assert.Single(after, g => !before.Contains(g));
        Assert.All(after, g => Assert.Contains(g.Key, before.Select(b => b.Key)));
        // A new paragraph changes the group it lands in, and at most the one after it.
        Assert.InRange(added.Count(g => !after.Contains(g)), 1, 2);
    }

    [Fact]
    public void Render_WhenANewerTextIsAskedFor_IsCancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => NewPreview().Render("# A\n\ntext", cancel.Token));
    }

    [Fact]
    public void Split_PutBackTogether_IsTheText()
    {
        foreach (var text in Documents())
        {
            Assert.Equal(text, string.Concat(Split(text)));
        }
        Assert.Equal(["# A\n\n", "para\n\n", "```\nx\n\ny\n```\n\n", "end"], Split("# A\n\npara\n\n```\nx\n\ny\n```\n\nend"));
        Assert.DoesNotContain(Split("# A\n\npara"), MarkdownBlocks.NeedsWholeText);
        Assert.Contains(Split("a[^1]\n\n[^1]: b"), MarkdownBlocks.NeedsWholeText);
        Assert.Contains(Split("a [x]\n\n[x]: https://example.org"), MarkdownBlocks.NeedsWholeText);
    }

    // The blocks as BlockPreview cuts them from the start.
    private static List<string> Split(string text)
    {
        int[] cuts = [0, .. MarkdownBlocks.CutsFrom(text, 0), text.Length];
        return [.. cuts.Zip(cuts.Skip(1)).Where(c => c.Second > c.First).Select(c => text[c.First..c.Second])];
    }
}
