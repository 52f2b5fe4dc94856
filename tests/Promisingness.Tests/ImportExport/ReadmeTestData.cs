using Promisingness.Web.Features.ImportExport.Readme;
using Promisingness.Web.Markdown;

namespace Promisingness.Tests.ImportExport;

internal static class ReadmeTestData
{
    public static string Seed => Read("seed-README.md");

    public static string Later => Read("later-README.md");

    public static string Read(string fileName) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", fileName));

    private static readonly MarkdownRenderer Renderer = new();

    /// <summary>Markdown to HTML with whitespace normalised: runs collapsed to one space, none between tags.</summary>
    /// <summary>The wiki's own pipeline, as the round trip promises: the same HTML through the same renderer.</summary>
    public static string NormalizedHtml(string markdown) => NormalizeHtml(Renderer.ToSafeHtml(markdown));

    public static string NormalizeHtml(string html) => ReadmeHtml.Normalize(html);
}
