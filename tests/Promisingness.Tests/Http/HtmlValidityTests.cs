using System.Diagnostics;
using Promisingness.Tests.Infrastructure;

namespace Promisingness.Tests.Http;

/// <summary>
/// Every public page is valid HTML as HTML Tidy reads it (Debian's tidy; .ci/run installs it). Without
/// tidy the test reports itself skipped, except under CI, where it fails.
/// </summary>
public sealed class HtmlValidityTests(WikiApp app) : IClassFixture<WikiApp>
{
    private const string Tidy = "/usr/bin/tidy";

    // tidy 5.6 predates these HTML5 and ARIA 1.1 attributes; they are valid HTML.
    private static readonly string[] KnownToTidyAsProprietary = ["aria-current", "aria-keyshortcuts", "data-nosnippet", "trimming empty"];

    [TidyTheory]
    [InlineData("/")]
    [InlineData("/topics")]
    [InlineData("/topics?program=AISC")]
    [InlineData("/topics/weak-to-strong-generalization")]
    [InlineData("/topics/theoretical-chain-of-thought")]
    [InlineData("/questions")]
    [InlineData("/questions/how-safe-can-human-level-automated-alignment-researchers-be-made")]
    [InlineData("/team")]
    [InlineData("/team/severin-field")]
    [InlineData("/pages/background")]
    [InlineData("/entries/goal/history")]
    [InlineData("/tags")]
    [InlineData("/summaries")]
    [InlineData("/search")]
    [InlineData("/search?q=weak+%22chain+of+thought%22")]
    [InlineData("/search?q=weak&kind=Topic&page=2")]
    [InlineData("/search?q=zzzznothing")]
    [InlineData("/no/such/page")]
    [InlineData("/Account/Login")]
    public async Task Get_Page_IsValidHtml(string path)
    {
        using var response = await app.CreateClient().GetAsync(path);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
            using var tidy = Process.Start(new ProcessStartInfo(Tidy, ["-q", "-e", "--custom-tags", "blocklevel", file]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var report = await tidy.StandardError.ReadToEndAsync();
            await tidy.WaitForExitAsync();

            var problems = report.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !KnownToTidyAsProprietary.Any(line.Contains)).ToList();
            Assert.True(problems.Count == 0, $"{path}:\n{string.Join('\n', problems)}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [AttributeUsage(AttributeTargets.Method)]
    private sealed class TidyTheoryAttribute : TheoryAttribute
    {
        public TidyTheoryAttribute()
        {
            if (!File.Exists(Tidy) && Environment.GetEnvironmentVariable("CI") != "true")
            {
                Skip = "HTML Tidy not found: apt-get install -y tidy";
            }
        }
    }
}
