using System.Diagnostics;
using System.Text;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Features.ImportExport.Readme;
using Xunit.Abstractions;

namespace Promisingness.Tests.ImportExport;

/// <summary>
/// A generated corpus of README histories (ReadmeEdits applied at random to the seed, or to a title-only first
/// version): every version, written back, renders to the HTML the version renders to (Markdig's CommonMark
/// pipeline for both). Most sequences go through parse and write; some through import and export of a real wiki.
/// </summary>
public sealed class ReadmeCorpusTests(ITestOutputHelper output)
{
    private const int RandomSeed = 20261207;
    private const int ParseWriteSequences = 300;
    private const int WikiSequences = 20;
    private const int EditsPerSequence = 8;

    [Fact]
    public void ParseThenWrite_EveryVersion_RendersToTheSameHtml()
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(RandomSeed);
        for (var s = 0; s < ParseWriteSequences; s++)
        {
            var versions = ReadmeEdits.Sequence(random, Start(random), EditsPerSequence);
            for (var v = 0; v < versions.Count; v++)
            {
                var document = ReadmeParser.Parse(versions[v].Text);
                var written = ReadmeWriter.Write(document);
                Check(s, versions, v, written);
                if (!document.Equals(ReadmeParser.Parse(written)))
                {
                    Assert.Fail(Describe(s, versions, v, written, "the written README parses to another document"));
                }
            }
        }
        output.WriteLine($"{ParseWriteSequences} sequences in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task ImportThenExport_EveryVersionIntoOneWiki_RendersToTheSameHtml()
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(RandomSeed + 1);
        for (var s = 0; s < WikiSequences; s++)
        {
            var versions = ReadmeEdits.Sequence(random, Start(random), EditsPerSequence);
            using var app = new WikiApp(seed: false);
            for (var v = 0; v < versions.Count; v++)
            {
                await app.Get<ReadmeImporter>().ImportAsync(versions[v].Text, "Corpus", new DateTimeOffset(2024, 5, 1 + v, 0, 0, 0, TimeSpan.Zero));
                Check(s, versions, v, await app.Get<ReadmeExporter>().ExportAsync());
            }
            var again = await app.Get<ReadmeImporter>().ImportAsync(versions[^1].Text, "Corpus", new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
            if (again.ChangedAnything)
            {
                Assert.Fail(Describe(s, versions, versions.Count - 1, "", "importing the last version again changed: " + string.Join("; ", again.Changes)));
            }
        }
        output.WriteLine($"{WikiSequences} sequences in {clock.ElapsedMilliseconds} ms");
    }

    private static string Start(Random random) => random.Next(5) == 0 ? ReadmeEdits.TitleOnly : ReadmeTestData.Seed;

    private static void Check(int sequence, List<(string Edit, string Text)> versions, int version, string written)
    {
        var expected = ReadmeHtml.Normalize(ReadmeHtml.Render(versions[version].Text));
        var actual = ReadmeHtml.Normalize(ReadmeHtml.Render(written));
        if (expected != actual)
        {
            var at = expected.Zip(actual).TakeWhile(p => p.First == p.Second).Count();
            var from = Math.Max(0, at - 80);
            Assert.Fail(Describe(sequence, versions, version, written,
                $"the HTML differs at {at}:\n  version: …{expected[from..Math.Min(expected.Length, at + 120)]}\n  written: …{actual[from..Math.Min(actual.Length, at + 120)]}"));
        }
    }

    /// <summary>The failing sequence: its edits, the version's text and what was written, to reproduce it by hand.</summary>
    private static string Describe(int sequence, List<(string Edit, string Text)> versions, int version, string written, string problem)
    {
        var text = new StringBuilder();
        text.AppendLine($"Sequence {sequence} (seed {RandomSeed}), version {version}: {problem}");
        text.AppendLine("Edits: " + string.Join(" → ", versions.Take(version + 1).Select(v => v.Edit)));
        text.AppendLine("---- version ----").AppendLine(versions[version].Text);
        text.AppendLine("---- written ----").AppendLine(written);
        return text.ToString();
    }
}
