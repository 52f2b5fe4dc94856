using Microsoft.Playwright;

namespace Promisingness.E2E.Infrastructure;

/// <summary>
/// Records every Content-Security-Policy violation a page reports, through the DOM event (kept across
/// navigations in sessionStorage) and Chromium's console ("Refused to ...").
/// </summary>
public sealed class CspViolations
{
    private const string Recorder = """
        document.addEventListener('securitypolicyviolation', e => {
            const seen = JSON.parse(sessionStorage.getItem('__csp') || '[]');
            seen.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
            sessionStorage.setItem('__csp', JSON.stringify(seen));
        });
        """;

    private readonly IPage page;
    private readonly List<string> console = [];

    private CspViolations(IPage page) => this.page = page;

    public static async Task<CspViolations> WatchAsync(IPage page)
    {
        var watcher = new CspViolations(page);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (watcher.console)
                {
                    watcher.console.Add(message.Text);
                }
            }
        };
        await page.AddInitScriptAsync(Recorder);
        return watcher;
    }

    /// <summary>The violations so far, as "directive blocked-uri sample".</summary>
    public async Task<IReadOnlyList<string>> ListAsync()
    {
        var events = await page.EvaluateAsync<string[]>("() => JSON.parse(sessionStorage.getItem('__csp') || '[]')");
        lock (console)
        {
            return [.. events, .. console.Select(text => "console " + text)];
        }
    }
}
