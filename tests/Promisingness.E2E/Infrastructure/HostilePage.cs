using Microsoft.Playwright;

namespace Promisingness.E2E.Infrastructure;

/// <summary>
/// A browser page that watches for any sign of a payload running: the canaries the corpus sets
/// (window.__xss, window.__pwned), a dialog (alert, confirm, prompt), a script the CSP had to block,
/// a script error, and a page that did not render.
/// </summary>
public sealed class HostilePage
{
    private static readonly string[] ScriptDirectives = ["script-src", "object-src", "frame-src", "child-src", "default-src", "base-uri", "form-action"];

    private readonly List<string> problems = [];
    private CspViolations violations = default!;

    private HostilePage(IPage page) => Page = page;

    public IPage Page { get; }

    public int Visits { get; private set; }

    public static async Task<HostilePage> OpenAsync(IPage page)
    {
        var hostile = new HostilePage(page);
        hostile.violations = await CspViolations.WatchAsync(page);
        page.Dialog += async (_, dialog) =>
        {
            lock (hostile.problems)
            {
                hostile.problems.Add($"a {dialog.Type} opened on {page.Url}: {dialog.Message}");
            }
            await dialog.DismissAsync();
        };
        page.PageError += (_, error) =>
        {
            lock (hostile.problems)
            {
                hostile.problems.Add($"script error on {page.Url}: {error}");
            }
        };
        return hostile;
    }

    /// <summary>Opens a page, waits (for a member's page, until the circuit has rendered it live), and checks it.</summary>
    public async Task VisitAsync(string path, bool interactive = false)
    {
        Visits++;
        var response = await Page.GotoAsync(path);
        if (response is null || response.Status >= 400)
        {
            Add($"{path} answered {response?.Status}");
        }
        await Assertions.Expect(Page.Locator("h1").First).ToBeVisibleAsync();
        if (interactive)
        {
            // Blazor re-inserts the stored HTML once the circuit renders: the moment a payload would run. The app
            // bar's search box turns into a combobox in that same render; the page's own data may follow it by a
            // query, hence the pause.
            await Page.Locator("#site-search[role=combobox]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await Page.WaitForTimeoutAsync(400);
        }
        if (await Page.EvaluateAsync<bool>("() => !!(window.__xss || window.__pwned)"))
        {
            Add($"a payload set the canary on {path}");
        }
        if (await Page.Locator("#blazor-error-ui").IsVisibleAsync() || await Page.GetByTestId("circuit-failure").CountAsync() > 0)
        {
            Add($"{path} failed to render");
        }
    }

    private void Add(string problem)
    {
        lock (problems)
        {
            problems.Add(problem);
        }
    }

    /// <summary>Fails with everything seen, if anything was.</summary>
    public async Task AssertCleanAsync()
    {
        var blocked = (await violations.ListAsync())
            // Images from plain http are blocked too (img-src allows https: only), which is not script.
            .Where(v => ScriptDirectives.Any(d => v.StartsWith(d, StringComparison.Ordinal) || (v.StartsWith("console", StringComparison.Ordinal) && v.Contains($"\"{d}", StringComparison.Ordinal))))
            .Select(v => "the CSP had to block: " + v);
        List<string> all;
        lock (problems)
        {
            all = [.. problems, .. blocked];
        }
        Assert.True(all.Count == 0, string.Join("\n", all.Distinct().Take(50)));
    }
}
